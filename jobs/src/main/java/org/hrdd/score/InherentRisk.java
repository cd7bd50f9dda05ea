package org.hrdd.score;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.hrdd.analyse.ThemePriors;
import org.hrdd.config.YamlTree;

/**
 * The published inherent risk of a country × sector (Sedex-Radar style index = country 1–6 + sector 1–4 + goods on
 * the ILAB list 0–2, from {@code conf/priors/}) and the prior share of workers affected it implies per theme:
 * <pre>
 *   logit(m) = logit(typical_prevalence) + index_coefficient · (country + sector − index_reference)
 *              + goods_coefficient · [the country × sector has listed goods of the kind that raises the theme]
 * </pre>
 */
public final class InherentRisk implements Serializable {

    /** One country × sector's published facts. */
    public record Profile(int countryRisk, int sectorRisk, boolean forcedLabourGoods, boolean childLabourGoods) {
        public int index() {
            return countryRisk + sectorRisk + (forcedLabourGoods ? 1 : 0) + (childLabourGoods ? 1 : 0);
        }
    }

    private final Map<String, Integer> countries;
    private final int defaultCountry;
    private final Map<String, Integer> sectors;
    private final int defaultSector;
    private final Map<String, boolean[]> goods;
    private final Map<String, Double> typical;
    private final RiskModel.Prior prior;

    InherentRisk(
            Map<String, Integer> countries,
            int defaultCountry,
            Map<String, Integer> sectors,
            int defaultSector,
            Map<String, boolean[]> goods,
            Map<String, Double> typical,
            RiskModel.Prior prior) {
        this.countries = Map.copyOf(countries);
        this.defaultCountry = defaultCountry;
        this.sectors = Map.copyOf(sectors);
        this.defaultSector = defaultSector;
        this.goods = Map.copyOf(goods);
        this.typical = Map.copyOf(typical);
        this.prior = prior;
    }

    public static InherentRisk load(Path priorsDir, ThemePriors themes, RiskModel.Prior prior) {
        YamlTree c = YamlTree.load(priorsDir.resolve("countries.yaml"));
        c.integer("version", 1, Integer.MAX_VALUE);
        Map<String, Integer> countries = new HashMap<>();
        c.children("countries").forEach((code, t) -> {
            t.string("name");
            countries.put(code, t.integer("risk", 1, 6));
            t.integer("itu_rating", 1, 6);
            t.done();
        });
        int defaultCountry = c.integer("default_risk", 1, 6);
        c.done();

        YamlTree s = YamlTree.load(priorsDir.resolve("sectors.yaml"));
        s.integer("version", 1, Integer.MAX_VALUE);
        Map<String, Integer> sectors = new HashMap<>();
        s.children("sectors").forEach((id, t) -> {
            sectors.put(id, t.integer("risk", 1, 4));
            t.done();
        });
        int defaultSector = s.integer("default_risk", 1, 4);
        s.done();

        YamlTree g = YamlTree.load(priorsDir.resolve("high_risk_goods.yaml"));
        g.integer("version", 1, Integer.MAX_VALUE);
        Map<String, boolean[]> goods = new HashMap<>();
        for (YamlTree item : g.items("goods")) {
            String key = key(item.string("country"), item.string("sector"));
            boolean[] flags = {item.bool("forced_labour"), item.bool("child_labour")};
            item.strings("goods");
            item.done();
            if (goods.put(key, flags) != null) {
                throw item.error("country", "lists " + key + " twice");
            }
        }
        g.done();
        Map<String, Double> typical = new HashMap<>();
        themes.themes().forEach((id, t) -> typical.put(id, t.typicalPrevalence()));
        return new InherentRisk(countries, defaultCountry, sectors, defaultSector, goods, typical, prior);
    }

    private static String key(String country, String sector) {
        return country + "|" + sector;
    }

    public Profile profile(String country, String sector) {
        boolean[] g = goods.getOrDefault(key(country, sector), new boolean[2]);
        return new Profile(
                countries.getOrDefault(country, defaultCountry),
                sectors.getOrDefault(sector, defaultSector),
                g[0],
                g[1]);
    }

    /** The published prior share of workers affected by {@code theme} in a facility of this country × sector. */
    public double priorMean(String country, String sector, String theme) {
        Profile p = profile(country, sector);
        Double base = typical.get(theme);
        if (base == null) {
            throw new IllegalArgumentException("no typical prevalence for theme " + theme);
        }
        double logit = Math.log(base / (1 - base))
                + prior.indexCoefficient() * (p.countryRisk() + p.sectorRisk() - prior.indexReference());
        if (p.forcedLabourGoods() && prior.forcedLabourGoodsThemes().contains(theme)) {
            logit += prior.goodsCoefficient();
        }
        if (p.childLabourGoods() && prior.childLabourGoodsThemes().contains(theme)) {
            logit += prior.goodsCoefficient();
        }
        return 1 / (1 + Math.exp(-logit));
    }
}

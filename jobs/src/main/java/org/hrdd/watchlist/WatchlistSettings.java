package org.hrdd.watchlist;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hrdd.config.AppConfig;
import org.hrdd.refine.Taxonomies;
import org.hrdd.schemas.Columns.GoldWatchlist;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.score.RiskModel;

/**
 * What the watchlist needs from the configuration: its rules ({@code files.watchlist}), the score's history window
 * (periods back, from the risk model), the tier floors its reasons state, the theme names, and the table's contract.
 */
public record WatchlistSettings(
        WatchlistRules rules,
        int historyPeriods,
        Map<String, Double> tierFloors,
        Map<String, String> themeNames,
        Contract contract) {

    public WatchlistSettings {
        tierFloors = Map.copyOf(tierFloors);
        themeNames = Map.copyOf(themeNames);
    }

    public static WatchlistSettings of(AppConfig app) {
        Taxonomies taxonomies = Taxonomies.load(app.taxonomyDir());
        RiskModel model =
                RiskModel.load(app.riskModelFile(), taxonomies.themes().keySet());
        Map<String, String> names = new LinkedHashMap<>();
        taxonomies.themes().forEach((id, t) -> names.put(id, t.name()));
        return new WatchlistSettings(
                WatchlistRules.load(app.watchlistFile(), taxonomies.themes().keySet()),
                model.history().periods(),
                Map.of(
                        "critical",
                        model.score().critical(),
                        "high",
                        model.score().high(),
                        "medium",
                        model.score().medium()),
                names,
                ContractLoader.loadAll().get(GoldWatchlist.TABLE));
    }
}

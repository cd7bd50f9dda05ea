package org.hrdd.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Simulates one facility over all quarters: true prevalence (logit model + AR(1) drift +
 * effective remediation), worker voice (helpline cases, survey responses), audits with findings,
 * CAPs, defects, and the truth rows. Everything for a facility comes from its own random stream,
 * so facilities can be simulated in parallel and the output does not depend on scheduling.
 */
final class Simulator {

    /** Everything one facility contributes, in generation order. */
    static final class Out {
        record Emit(Streams.Def def, String label, Row row) {}

        final List<Emit> emits = new ArrayList<>();
        final List<CapLog.CapRow> caps = new ArrayList<>();
        final StringBuilder prevalence = new StringBuilder();
        final StringBuilder remediation = new StringBuilder();
        final StringBuilder aliases = new StringBuilder();
        double[] burden;
        long helplineCases, surveyResponses;
    }

    static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    enum DateFmt {
        ISO,
        DMY,
        DMONY,
        ISO_DT
    }

    static final String[] HELPLINE_A_DEFECTS = {
        "BAD_DATE",
        "FUTURE_DATE",
        "UNKNOWN_CODE",
        "DUPLICATE",
        "NEGATIVE_COUNT",
        "UNRESOLVED_FACILITY",
        "BUDDHIST_ERA_DATE",
        "FORMULA_TEXT",
        "SCRIPT_TEXT"
    };
    static final String[] HELPLINE_B_DEFECTS = {
        "BAD_DATE",
        "FUTURE_DATE",
        "DUPLICATE",
        "NEGATIVE_COUNT",
        "UNRESOLVED_FACILITY",
        "BUDDHIST_ERA_DATE",
        "FORMULA_TEXT",
        "SCRIPT_TEXT"
    };
    static final String[] SURVEY_DEFECTS = {
        "BAD_DATE", "FUTURE_DATE", "UNKNOWN_CODE", "DUPLICATE", "UNRESOLVED_FACILITY", "TRUNCATED_JSON", "SCRIPT_TEXT"
    };
    static final String[] AUDIT_DEFECTS = {
        "BAD_DATE", "FUTURE_DATE", "NEGATIVE_COUNT", "UNRESOLVED_FACILITY", "DUPLICATE", "FORMULA_TEXT"
    };
    static final String[] FINDING_DEFECTS = {"UNKNOWN_CODE", "DUPLICATE", "SCRIPT_TEXT"};
    static final String[] CAP_DEFECTS = {
        "BAD_DATE", "FUTURE_DATE", "NEGATIVE_COUNT", "UNKNOWN_CODE", "DUPLICATE", "EXCEL_SERIAL_DATE", "DMY_DATE"
    };
    static final Set<String> KEEP =
            Set.of("BUDDHIST_ERA_DATE", "EXCEL_SERIAL_DATE", "DMY_DATE", "FORMULA_TEXT", "SCRIPT_TEXT");
    static final String FORMULA = "=HYPERLINK(\"http://x\")";
    static final String SCRIPT = "<script>alert(1)</script>";

    final World w;
    final Taxonomy tax;
    final World.Tier tier;
    final long seed;
    final FacilityFactory ff;
    final int T, Q;
    final LocalDate[] qStart;
    final String[] period, fileLabel;
    final LocalDate export;
    final double[] base, thr, sev, rH, dS, sensBase;
    final boolean[] migrantLinked, agencyLinked, ilo, codableB;
    final String[] topic;
    final Set<String> dolForced = new HashSet<>(), dolChild = new HashSet<>();
    final SurveyInstrument.Question[] questionByTheme;
    /** Defect kinds a source can have -> their weights from the world file. */
    final Map<String[], Map<String, Double>> defectWeights = new java.util.IdentityHashMap<>();
    /** Theme index of the k-th question of the questionnaire (answers are written in question order). */
    final int[] questionTheme;

    Simulator(World w, Taxonomy tax, World.Tier tier, long seed, FacilityFactory ff) {
        this.w = w;
        this.tax = tax;
        this.tier = tier;
        this.seed = seed;
        this.ff = ff;
        T = tax.themeCount();
        Q = w.periods().quarters();
        String fq = w.periods().firstQuarter();
        LocalDate s0 = LocalDate.of(Integer.parseInt(fq.substring(0, 4)), 3 * (fq.charAt(6) - '1') + 1, 1);
        qStart = new LocalDate[Q + 1];
        period = new String[Q];
        fileLabel = new String[Q];
        for (int q = 0; q <= Q; q++) {
            qStart[q] = s0.plusMonths(3L * q);
            if (q < Q) {
                int qq = (qStart[q].getMonthValue() - 1) / 3 + 1;
                period[q] = qStart[q].getYear() + "-Q" + qq;
                fileLabel[q] = qStart[q].getYear() + "Q" + qq;
            }
        }
        export = w.periods().export();
        base = new double[T];
        thr = new double[T];
        sev = new double[T];
        rH = new double[T];
        dS = new double[T];
        sensBase = new double[T];
        migrantLinked = new boolean[T];
        agencyLinked = new boolean[T];
        ilo = new boolean[T];
        codableB = new boolean[T];
        topic = new String[T];
        questionByTheme = new SurveyInstrument.Question[T];
        for (int t = 0; t < T; t++) {
            String id = tax.themeIds.get(t);
            World.ThemeParams p = w.themes().get(id);
            if (p == null) throw new IllegalArgumentException("world file has no parameters for theme " + id);
            base[t] = p.baseline();
            thr[t] = p.threshold();
            sev[t] = p.severityWeight();
            rH[t] = p.helplineReport();
            dS[t] = p.surveyDisclosure();
            sensBase[t] = p.sensitivity();
            migrantLinked[t] = p.migrantLinked();
            agencyLinked[t] = p.agencyLinked();
            ilo[t] = tax.iloForcedLabour.get(t) || id.equals("recruitment_fees");
            codableB[t] = !tax.list("helpline_ngo_b").codesFor(id).isEmpty();
            topic[t] = tax.list("survey").codesFor(id).get(0).code();
            for (SurveyInstrument.Question qu : SurveyInstrument.QUESTIONS)
                if (qu.theme().equals(id)) questionByTheme[t] = qu;
            if (questionByTheme[t] == null) throw new IllegalStateException("no survey question for " + id);
        }
        for (String[] kinds : new String[][] {
            HELPLINE_A_DEFECTS, HELPLINE_B_DEFECTS, SURVEY_DEFECTS, AUDIT_DEFECTS, FINDING_DEFECTS, CAP_DEFECTS
        }) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (String k : kinds) {
                Double wt = w.defects().kinds().get(k);
                if (wt != null && wt > 0) m.put(k, wt);
            }
            defectWeights.put(kinds, m);
        }
        questionTheme = new int[T];
        for (int k = 0; k < T; k++)
            questionTheme[k] = tax.themeIndex(SurveyInstrument.QUESTIONS.get(k).theme());
        for (World.DolGood g : w.dolGoods()) {
            if (g.forcedLabour()) dolForced.add(g.country() + "|" + g.sector());
            if (g.childLabour()) dolChild.add(g.country() + "|" + g.sector());
        }
    }

    double sensitivity(String scheme, int t) {
        return Math.min(0.98, sensBase[t] * w.audits().schemeFactor().getOrDefault(scheme, 1.0));
    }

    int quarterOf(LocalDate d) {
        for (int q = Q - 1; q >= 0; q--) if (!d.isBefore(qStart[q])) return q;
        return -1;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    // ---------------------------------------------------------------- per facility state

    private final class Ctx {
        final Facility f;
        final Rng r;
        final long fseed;
        final Out out = new Out();
        final double[][] reduction = new double[T][Q + 2];
        long usedVariants; // bit i = variant i appeared in an export
        final Map<String, Boolean> extra = new LinkedHashMap<>();
        int auditSeq;
        String lastAuditor;
        World.Country country;

        Ctx(Facility f) {
            this.f = f;
            this.fseed = Ids.mix(seed, f.index, 0xFAC);
            this.r = new Rng(fseed);
            this.country = w.country(f.country);
        }

        String defect(String[] kinds) {
            if (!r.chance(w.defects().share())) return null;
            Map<String, Double> m = defectWeights.get(kinds);
            return m.isEmpty() ? null : r.weighted(m);
        }

        String name(double[] kindWeights) {
            int k = r.weightedIndex(kindWeights);
            int v = f.variant((byte) k);
            usedVariants |= 1L << v;
            return f.variants[v];
        }

        void extraName(String n) {
            extra.put(n, Boolean.TRUE);
        }

        String id(String prefix, int n) {
            return prefix + Ids.b32(r.nextLong(), n);
        }
    }

    /** A worker of the facility, derived from (facility, worker number) so repeat contacts agree. */
    private final class Worker {
        final String nationality, language, name, key;
        final boolean female;
        final Rng wr;

        Worker(Ctx c, int idx) {
            wr = Rng.of(c.fseed, idx, 0x30B);
            nationality = wr.chance(c.f.migrantShare) ? wr.weighted(c.country.migrantOrigins()) : c.country.local();
            female = wr.chance(w.femaleShare());
            language = wr.weighted(w.languages().get(nationality));
            name = Names.personName(wr, nationality, female);
            key = "rsp_" + Ids.b32(Ids.mix(c.fseed, idx, 0x4E7), 12).toLowerCase(Locale.ROOT);
        }
    }

    // ---------------------------------------------------------------- main loop

    Out simulate(Facility f) {
        Ctx c = new Ctx(f);
        Rng r = c.r;
        World.Prevalence pv = w.prevalence();
        World.Sector sec = w.sector(f.sector);
        String cs = f.country + "|" + f.sector;
        double common = r.normal(0, pv.facilityCommonSd());
        double[] mu = new double[T];
        double[] drift = new double[T];
        double stationary = pv.driftSd() / Math.sqrt(Math.max(1e-9, 1 - pv.driftPhi() * pv.driftPhi()));
        for (int t = 0; t < T; t++) {
            String id = tax.themeIds.get(t);
            double x = base[t]
                    + c.country.effect()
                    + c.country.themeEffects().getOrDefault(id, 0.0)
                    + sec.effect()
                    + sec.themeEffects().getOrDefault(id, 0.0)
                    + common
                    + r.normal(0, pv.facilityThemeSd());
            if (migrantLinked[t]) x += pv.migrantCoefficient() * (f.migrantShare - 0.5);
            if (agencyLinked[t]) x += f.agencyEffect;
            if (ilo[t] && dolForced.contains(cs)) x += w.dolForcedLabourEffect();
            if (id.equals("child_labour") && dolChild.contains(cs)) x += w.dolChildLabourEffect();
            mu[t] = x;
            drift[t] = r.normal(0, stationary);
        }
        // Worker-voice set-up for this facility.
        double hReach =
                r.uniform(tier.helplineReach().get(0), tier.helplineReach().get(1));
        double sReach = r.uniform(tier.surveyReach().get(0), tier.surveyReach().get(1));
        double cov = tier.coverage(), a = w.workerVoice().coveragePersistence();
        double enter = Math.min(1, cov * (1 - a) / Math.max(1e-9, 1 - cov));
        boolean covered = r.chance(cov);
        List<LocalDate> audits = auditSchedule(r);
        int auditIdx = 0;
        c.out.burden = new double[Q];
        double[] p = new double[T];
        boolean b = f.helpline.equals("helpline_ngo_b");
        for (int q = 0; q < Q; q++) {
            if (q > 0) {
                for (int t = 0; t < T; t++) drift[t] = pv.driftPhi() * drift[t] + r.normal(0, pv.driftSd());
                covered = r.chance(covered ? a : enter);
            }
            double burden = 0;
            for (int t = 0; t < T; t++) {
                p[t] = sigmoid(mu[t] + drift[t]) * (1 - c.reduction[t][q]);
                burden += sev[t] * p[t];
            }
            c.out.burden[q] = burden;
            // Worker voice.
            double[] pi = new double[T];
            double[] eS = new double[T];
            int codable = 0;
            for (int t = 0; t < T; t++) if (!b || codableB[t]) codable++;
            double none = 1;
            for (int t = 0; t < T; t++) {
                pi[t] = (b && !codableB[t])
                        ? 0
                        : p[t] * rH[t] + (1 - p[t]) * w.workerVoice().helplineNoise() / codable;
                none *= 1 - pi[t];
                eS[t] = p[t] * dS[t] + (1 - p[t]) * w.workerVoice().surveyNoise();
            }
            double p1 = 1 - none;
            int nH = 0, nS = 0;
            if (covered) {
                double rate = Math.max(
                        0.005, Math.min(0.05, hReach * p1 / w.workerVoice().helplineVolumeReference()));
                nH = r.poisson(f.headcount * rate);
                for (int k = 0; k < nH; k++) helplineCase(c, q, pi, b);
                if (r.chance(tier.surveyRoundShare())) {
                    nS = r.binomial(f.headcount, sReach);
                    surveyRound(c, q, nS, eS);
                }
            }
            c.out.helplineCases += nH;
            c.out.surveyResponses += nS;
            double[] eH = nH > 0 ? helplineExpected(pi, p1) : null;
            while (auditIdx < audits.size() && quarterOf(audits.get(auditIdx)) == q)
                audit(c, q, audits.get(auditIdx++), p);
            for (int t = 0; t < T; t++) {
                StringBuilder sb = c.out.prevalence;
                sb.append(f.id)
                        .append(',')
                        .append(tax.themeIds.get(t))
                        .append(',')
                        .append(period[q])
                        .append(',')
                        .append(Csv.fmt(p[t], 6))
                        .append(',');
                if (nH + nS > 0) sb.append(Csv.fmt(((nH > 0 ? nH * eH[t] : 0) + nS * eS[t]) / (nH + nS), 6));
                sb.append(',').append(p[t] > thr[t]).append(',').append(nH + nS).append('\n');
            }
        }
        // Aliases: registered name, the supplier list's aliases and every variant used in an export.
        for (int v = 0; v < f.variants.length; v++) {
            boolean inMaster = v == 0 || containsAlias(f.masterAliases, f.variants[v]);
            if (inMaster || (c.usedVariants & (1L << v)) != 0) {
                c.out.aliases.append(Csv.line(new String[] {f.variants[v], f.id, Facility.KIND_NAMES[f.kinds[v]]}));
            }
        }
        for (String n : c.extra.keySet()) c.out.aliases.append(Csv.line(new String[] {n, f.id, "injected_text"}));
        for (Out.Emit e : c.out.emits) e.row().freeze();
        return c.out;
    }

    private static boolean containsAlias(String list, String name) {
        if (list.isEmpty()) return false;
        for (String s : list.split("\\|")) if (s.equals(name)) return true;
        return false;
    }

    /** E[theme t named | case], for independent theme draws conditioned on >= 1 and capped. */
    double[] helplineExpected(double[] pi, double p1) {
        int cap = w.workerVoice().maxThemesPerCase();
        int S = 10;
        double[][] pre = new double[T + 1][S];
        double[][] suf = new double[T + 2][S];
        pre[0][0] = 1;
        for (int t = 0; t < T; t++) conv(pre[t], pi[t], pre[t + 1]);
        suf[T][0] = 1;
        for (int t = T - 1; t >= 0; t--) conv(suf[t + 1], pi[t], suf[t]);
        double[] e = new double[T];
        for (int t = 0; t < T; t++) {
            if (pi[t] == 0) continue;
            double acc = 0;
            for (int i = 0; i < S; i++) {
                if (pre[t][i] == 0) continue;
                for (int j = 0; j < S; j++) {
                    int k = Math.min(S - 1, i + j);
                    acc += pre[t][i] * suf[t + 1][j] * Math.min(1.0, cap / (1.0 + k));
                }
            }
            e[t] = pi[t] * acc / p1;
        }
        return e;
    }

    private static void conv(double[] in, double p, double[] out) {
        int S = in.length;
        for (int i = 0; i < S; i++) out[i] = 0;
        for (int i = 0; i < S; i++) {
            out[i] += in[i] * (1 - p);
            out[Math.min(S - 1, i + 1)] += in[i] * p;
        }
    }

    /** Draws themes independently with probabilities pi, conditioned on at least one, capped. */
    private List<Integer> drawThemes(Rng r, double[] pi) {
        double[] sufNone = new double[T + 1];
        sufNone[T] = 1;
        for (int t = T - 1; t >= 0; t--) sufNone[t] = sufNone[t + 1] * (1 - pi[t]);
        List<Integer> named = new ArrayList<>();
        for (int t = 0; t < T; t++) {
            double pt;
            if (named.isEmpty()) {
                double atLeast = 1 - sufNone[t];
                pt = atLeast <= 0 ? 0 : pi[t] / atLeast;
            } else {
                pt = pi[t];
            }
            if (r.chance(pt)) named.add(t);
        }
        if (named.isEmpty()) { // numerically impossible unless all pi are 0
            named.add(0);
        }
        int cap = w.workerVoice().maxThemesPerCase();
        while (named.size() > cap) named.remove(r.nextInt(named.size()));
        // The caller mentions the themes in random order; the first is the main issue.
        for (int i = named.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Integer tmp = named.get(i);
            named.set(i, named.get(j));
            named.set(j, tmp);
        }
        return named;
    }

    // ---------------------------------------------------------------- dates

    static String fmt(LocalDate d, DateFmt f) {
        return switch (f) {
            case ISO -> d.toString();
            case DMY -> String.format(Locale.ROOT, "%02d/%02d/%04d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
            case DMONY -> d.getDayOfMonth() + " " + MONTHS[d.getMonthValue() - 1] + " " + d.getYear();
            case ISO_DT -> d.toString();
        };
    }

    static String badDate(Rng r, DateFmt f) {
        int y = 2025 - r.nextInt(5);
        int kind = r.nextInt(4);
        return switch (f) {
            case ISO, ISO_DT -> switch (kind) {
                        case 0 -> y + "-02-31";
                        case 1 -> y + "-05-00";
                        case 2 -> y + "-13-04";
                        default -> y + "-04-31";
                    }
                    + (f == DateFmt.ISO_DT ? "T10:15:00+07:00" : "");
            case DMY -> switch (kind) {
                case 0 -> "31/02/" + y;
                case 1 -> "00/05/" + y;
                case 2 -> "14/13/" + y;
                default -> "31/04/" + y;
            };
            case DMONY -> switch (kind) {
                case 0 -> "31 Feb " + y;
                case 1 -> "0 May " + y;
                case 2 -> "31 Apr " + y;
                default -> "30 Feb " + y;
            };
        };
    }

    LocalDate future(Rng r) {
        return export.plusDays(10 + r.nextInt(400));
    }

    LocalDate dayIn(Rng r, int q) {
        long len = ChronoUnit.DAYS.between(qStart[q], qStart[q + 1]);
        return qStart[q].plusDays(r.nextInt((int) len));
    }

    // ---------------------------------------------------------------- helpline

    private static final double[] NAME_HELPLINE = {0.25, 0.20, 0.15, 0.10, 0.05, 0.10, 0.10, 0.05};
    private static final double[] NAME_SURVEY = {0.55, 0.25, 0.10, 0, 0.10, 0, 0, 0};
    private static final double[] NAME_AUDIT = {0.65, 0, 0, 0.20, 0.15, 0, 0, 0};

    private void helplineCase(Ctx c, int q, double[] pi, boolean b) {
        Rng r = c.r;
        Facility f = c.f;
        List<Integer> themes = drawThemes(r, pi);
        Worker wk = new Worker(c, r.nextInt(f.headcount));
        String system = b ? "helpline_ngo_b" : "helpline_ngo_a";
        Taxonomy.CodeList codes = tax.list(system);
        String defect = c.defect(b ? HELPLINE_B_DEFECTS : HELPLINE_A_DEFECTS);
        LocalDate received = dayIn(r, q);
        String lang = Texts.TEXT_LANGUAGES.contains(wk.language) ? wk.language : "en";
        String channel = b ? r.weighted(B_CHANNELS) : r.weighted(A_CHANNELS);
        String phoneCountry = wk.wr.chance(0.8) ? f.country : wk.nationality;
        String phone = Names.phone(wk.wr, phoneCountry);
        String callerId = channel.equals("line")
                ? "line:" + wk.name.toLowerCase(Locale.ROOT).replace(' ', '_') + Ids.digits(wk.wr.nextLong(), 2)
                : channel.equals("facebook") ? "fb:1000" + Ids.digits(wk.wr.nextLong(), 11) : phone;
        String email = Names.email(wk.wr, wk.name);
        String passport = Names.passport(wk.wr, wk.nationality);
        String callerName = r.chance(0.08) ? "" : wk.name;
        String workplace = c.name(NAME_HELPLINE);
        String osId = !b && r.chance(w.workerVoice().looseName().osIdGivenNgoA()) ? f.osId : "";
        String detail = null;
        if ("UNRESOLVED_FACILITY".equals(defect)) {
            if (r.chance(0.3)) {
                workplace = "";
                detail = "no workplace recorded";
            } else {
                workplace = ghostName(r, f.country);
                detail = "workplace '" + workplace + "' matches no facility";
            }
            osId = !b && r.chance(0.4) ? ghostOsId(r, f.country) : "";
        }
        boolean agencyTheme = false;
        List<String> themeIds = new ArrayList<>();
        for (int t : themes) {
            themeIds.add(tax.themeIds.get(t));
            agencyTheme |= agencyLinked[t];
        }
        String recruiter = "";
        if (agencyTheme || r.chance(0.3)) {
            FacilityFactory.Agency ag = ff.agencies.get(f.agencies[r.nextInt(f.agencies.length)]);
            recruiter = r.chance(0.5)
                    ? ag.name()
                    : r.chance(0.5) ? ag.shortName() : ag.shortName().toLowerCase(Locale.ROOT);
        }
        List<String> issue = new ArrayList<>();
        for (String id : themeIds) issue.add(r.pick(codes.codesFor(id)).code());
        String description = Texts.describe(
                r,
                lang,
                callerName.isEmpty() ? "(anonymous)" : callerName,
                themeIds,
                workplace,
                phone,
                email,
                passport);
        int affected = r.chance(w.workerVoice().groupCaseShare()) ? r.between(2, 60) : 1;
        boolean consentAgg = r.chance(w.workerVoice().consent().aggregate());
        boolean consentShare = r.chance(w.workerVoice().consent().caseSharing());
        boolean consentResearch = r.chance(w.workerVoice().consent().research());
        LocalDate resolved = null;
        if (r.chance(w.workerVoice().caseResolvedShare())) {
            resolved = received.plusDays(3 + r.nextInt(118));
            if (resolved.isAfter(export)) resolved = null;
        }
        String caseId =
                b ? "MWB" + Ids.digits(r.nextLong(), 10) : "NGA-" + received.getYear() + "-" + Ids.b32(r.nextLong(), 8);
        // CAP: the brand opens one for a share of cases it may see (case-sharing consent).
        Boolean effective = null;
        int mainTheme = themes.get(0);
        if (consentShare
                && !"UNRESOLVED_FACILITY".equals(defect)
                && r.chance(Math.min(
                        1,
                        w.remediation().caseCapShare()
                                / w.workerVoice().consent().caseSharing()))) {
            effective = r.chance(w.remediation().effectiveShare());
        }
        String confirmed = "";
        boolean isConfirmed = false;
        if (resolved != null) {
            double share = w.remediation().workerConfirmationShare();
            if (effective != null) share = Math.min(1, share * (effective ? 1.5 : 0.5));
            isConfirmed = r.chance(share);
            confirmed = isConfirmed ? (b ? "Y" : "yes") : (b ? "N" : "no");
        }
        if (effective != null) {
            String code = issue.get(0);
            cap(
                    c,
                    "helpline_case",
                    system + ":" + caseId,
                    mainTheme,
                    code,
                    system,
                    null,
                    received,
                    q,
                    affected,
                    effective,
                    isConfirmed);
        }
        // Defects on the row.
        String date = b ? fmt(received, DateFmt.DMY) : fmt(received, DateFmt.ISO);
        boolean quarantine = defect != null && !KEEP.contains(defect);
        switch (defect == null ? "" : defect) {
            case "BAD_DATE" -> {
                date = badDate(r, b ? DateFmt.DMY : DateFmt.ISO);
                detail = "impossible date " + date;
            }
            case "FUTURE_DATE" -> {
                LocalDate fd = future(r);
                date = b ? fmt(fd, DateFmt.DMY) : fmt(fd, DateFmt.ISO);
                detail = "received after the export date";
            }
            case "BUDDHIST_ERA_DATE" -> {
                LocalDate be = received.plusYears(543);
                date = b ? fmt(be, DateFmt.DMY) : fmt(be, DateFmt.ISO);
                detail = "Thai Buddhist-era year " + be.getYear() + " = " + received.getYear();
            }
            case "UNKNOWN_CODE" -> {
                String bogus = r.pick(new String[] {"RF99", "XX01", "WG9", "OTHER", "ID-03"});
                issue.set(issue.size() - 1, bogus);
                detail = "issue code " + bogus + " not in taxonomy";
            }
            case "NEGATIVE_COUNT" -> {
                affected = -affected - r.nextInt(5);
                detail = "workers_affected " + affected;
            }
            case "FORMULA_TEXT" -> {
                if (!b && !osId.isEmpty() && r.chance(0.5)) {
                    workplace = FORMULA + " " + workplace;
                    c.extraName(workplace);
                    detail = "formula text in workplace (resolvable by OS ID)";
                } else {
                    description = FORMULA + " " + description;
                    detail = "formula text in description";
                }
            }
            case "SCRIPT_TEXT" -> {
                description = description + " " + SCRIPT;
                detail = "script tag in description";
            }
            default -> {}
        }
        Row row;
        if (!b) {
            row = Row.csv(
                    caseId,
                    date,
                    channel,
                    lang,
                    callerId,
                    callerName,
                    wk.nationality,
                    gender(r, wk),
                    workplace,
                    osId,
                    f.country,
                    recruiter,
                    String.join(";", issue),
                    description,
                    Integer.toString(affected),
                    resolved != null ? "closed" : r.pick(new String[] {"open", "in_progress", "referred"}),
                    resolved == null ? "" : fmt(resolved, DateFmt.ISO),
                    resolved == null ? "" : r.pick(Texts.RESOLUTIONS),
                    confirmed,
                    consentAgg ? "yes" : "no",
                    consentShare ? "yes" : "no",
                    consentResearch ? "yes" : "no");
        } else {
            String[] fields = new String[Streams.NGO_B.header().size()];
            String[] base = {
                caseId,
                date,
                channel,
                lang,
                callerId,
                callerName,
                wk.nationality,
                gender(r, wk),
                workplace,
                f.country,
                recruiter,
                description,
                Integer.toString(affected),
                resolved != null ? "Closed" : r.chance(0.6) ? "Open" : "Pending",
                resolved == null ? "" : fmt(resolved, DateFmt.DMY),
                confirmed,
                consentAgg ? "Y" : "N",
                consentShare ? "Y" : "N",
                consentResearch ? "Y" : "N"
            };
            System.arraycopy(base, 0, fields, 0, base.length);
            int style = r.nextInt(10);
            String yes = style < 6 ? "1" : style < 8 ? "Yes" : "X";
            String no = style < 6 ? (r.chance(0.3) ? "0" : "") : style < 8 ? (r.chance(0.5) ? "No" : "") : "";
            int i = base.length;
            for (String code : Streams.NGO_B_FLAGS.values()) fields[i++] = issue.contains(code) ? yes : no;
            row = Row.csv(fields);
        }
        if (defect != null && !defect.equals("DUPLICATE")) row.defect(defect, quarantine, detail);
        Streams.Def def = b ? Streams.NGO_B : Streams.NGO_A;
        c.out.emits.add(new Out.Emit(def, fileLabel[q], row));
        if ("DUPLICATE".equals(defect)) {
            c.out.emits.add(new Out.Emit(
                    def, fileLabel[q], row.copy().defect("DUPLICATE", true, "exact copy of the previous record")));
        }
    }

    private static final Map<String, Double> A_CHANNELS = new LinkedHashMap<>();
    private static final Map<String, Double> B_CHANNELS = new LinkedHashMap<>();

    static {
        A_CHANNELS.put("hotline", 0.35);
        A_CHANNELS.put("line", 0.30);
        A_CHANNELS.put("facebook", 0.25);
        A_CHANNELS.put("viber", 0.10);
        B_CHANNELS.put("whatsapp", 0.40);
        B_CHANNELS.put("hotline", 0.30);
        B_CHANNELS.put("facebook", 0.20);
        B_CHANNELS.put("walk_in", 0.10);
    }

    private static String gender(Rng r, Worker wk) {
        if (r.chance(0.05)) return r.chance(0.5) ? "" : "X";
        return wk.female ? "F" : "M";
    }

    private String ghostName(Rng r, String cc) {
        for (; ; ) {
            String n = FacilityFactory.legal(cc, r.pick(Names.GHOST) + " " + r.pick(Names.GHOST_TAIL), r.nextInt(2));
            if (!ff.nameIndex.containsKey(FacilityFactory.norm(n))) return n;
        }
    }

    private String ghostOsId(Rng r, String cc) {
        for (; ; ) {
            String os = Ids.osId(cc, r.between(2016, 2024), r.between(1, 365), r.nextLong());
            if (!ff.osIndex.containsKey(os)) return os;
        }
    }

    // ---------------------------------------------------------------- survey

    private void surveyRound(Ctx c, int q, int n, double[] eS) {
        Rng r = c.r;
        Facility f = c.f;
        String surveyId = "WV-" + fileLabel[q];
        long len = ChronoUnit.DAYS.between(qStart[q], qStart[q + 1]);
        LocalDate start = qStart[q].plusDays(r.nextInt((int) Math.max(1, len - 21)));
        String licence = "LIC-" + f.country + "-" + qStart[q].getYear();
        int step = coprimeStep(r, f.headcount);
        int first = r.nextInt(f.headcount);
        StringBuilder sb = new StringBuilder(700);
        for (int k = 0; k < n; k++) {
            int idx = (int) ((first + (long) k * step) % f.headcount);
            Worker wk = new Worker(c, idx);
            String defect = c.defect(SURVEY_DEFECTS);
            LocalDate day = start.plusDays(r.nextInt(21));
            String submitted = fmt(day, DateFmt.ISO_DT)
                    + String.format(Locale.ROOT, "T%02d:%02d:%02d", 6 + r.nextInt(16), r.nextInt(60), r.nextInt(60))
                    + c.country.utcOffset();
            String osId = r.chance(w.workerVoice().looseName().osIdGivenSurvey()) ? f.osId : "";
            String site = c.name(NAME_SURVEY);
            String detail = null;
            switch (defect == null ? "" : defect) {
                case "BAD_DATE" -> {
                    submitted = badDate(r, DateFmt.ISO_DT);
                    detail = "impossible date " + submitted;
                }
                case "FUTURE_DATE" -> {
                    submitted = future(r) + "T09:00:00" + c.country.utcOffset();
                    detail = "submitted after the export date";
                }
                case "UNRESOLVED_FACILITY" -> {
                    site = ghostName(r, f.country);
                    osId = "";
                    detail = "site '" + site + "' matches no facility";
                }
                case "SCRIPT_TEXT" -> {
                    if (osId.isEmpty()) osId = f.osId;
                    site = site + SCRIPT;
                    c.extraName(site);
                    detail = "script tag in site_name (resolvable by OS ID)";
                }
                default -> {}
            }
            sb.setLength(0);
            sb.append("{\"response_id\":\"")
                    .append(c.id("R", 12))
                    .append("\",\"survey_id\":\"")
                    .append(surveyId)
                    .append("\",\"respondent\":\"")
                    .append(wk.key)
                    .append("\",\"submitted\":\"")
                    .append(submitted)
                    .append("\",\"site_os_id\":");
            Csv.appendJson(sb, osId.isEmpty() ? null : osId);
            sb.append(",\"site_name\":");
            Csv.appendJson(sb, site);
            sb.append(",\"site_country\":\"")
                    .append(f.country)
                    .append("\",\"lang\":\"")
                    .append(wk.language)
                    .append("\",\"nationality\":\"")
                    .append(wk.nationality)
                    .append("\",\"gender\":\"")
                    .append(r.chance(0.03) ? "" : wk.female ? "F" : "M")
                    .append("\",\"consent\":[");
            boolean firstScope = true;
            if (r.chance(w.workerVoice().consent().aggregate())) {
                sb.append("\"aggregate_reporting\"");
                firstScope = false;
            }
            if (r.chance(w.workerVoice().consent().caseSharing())) {
                sb.append(firstScope ? "" : ",").append("\"case_sharing\"");
                firstScope = false;
            }
            if (r.chance(w.workerVoice().consent().research()))
                sb.append(firstScope ? "" : ",").append("\"research\"");
            sb.append("],\"licence\":\"").append(licence).append("\",\"answers\":{");
            for (String[] s : SurveyInstrument.SCREENING) {
                sb.append('"')
                        .append(s[0])
                        .append("\":\"")
                        .append(s[2 + r.nextInt(s.length - 2)])
                        .append("\",");
            }
            for (int k2 = 0; k2 < T; k2++) {
                int t = questionTheme[k2];
                SurveyInstrument.Question qu = questionByTheme[t];
                sb.append('"')
                        .append(qu.id())
                        .append("\":\"")
                        .append(SurveyInstrument.answer(r, qu.kind(), r.chance(eS[t])))
                        .append('"');
                if (k2 < T - 1) sb.append(',');
            }
            if ("UNKNOWN_CODE".equals(defect)) {
                sb.append(",\"Q99\":\"yes\"");
                detail = "answer to question Q99, not in the catalogue";
            }
            sb.append("}}");
            String line = sb.toString();
            if ("TRUNCATED_JSON".equals(defect)) {
                line = line.substring(0, line.length() / 2 + r.nextInt(line.length() / 3));
                detail = "JSON line cut off";
            }
            Row row = Row.json(line);
            if (defect != null && !defect.equals("DUPLICATE")) row.defect(defect, !KEEP.contains(defect), detail);
            c.out.emits.add(new Out.Emit(Streams.SURVEY, fileLabel[q], row));
            if ("DUPLICATE".equals(defect)) {
                c.out.emits.add(new Out.Emit(
                        Streams.SURVEY,
                        fileLabel[q],
                        Row.json(line).defect("DUPLICATE", true, "exact copy of the previous line")));
            }
        }
    }

    private static int coprimeStep(Rng r, int n) {
        if (n <= 2) return 1;
        for (; ; ) {
            int s = 1 + r.nextInt(n - 1);
            if (gcd(s, n) == 1) return s;
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    // ---------------------------------------------------------------- audits

    private List<LocalDate> auditSchedule(Rng r) {
        List<LocalDate> out = new ArrayList<>();
        int lo = w.audits().intervalMonths().get(0) * 30,
                hi = w.audits().intervalMonths().get(1) * 30;
        LocalDate d = qStart[0].plusDays(r.nextInt(hi));
        while (d.isBefore(qStart[Q]) && d.isBefore(export)) {
            out.add(d);
            d = d.plusDays(r.between(lo, hi));
        }
        return out;
    }

    private static final Map<String, String[]> FIRMS = Map.of(
            "rba_vap",
                    new String[] {
                        "Northstar Audit", "Clearview Assurance", "Apex Social Compliance", "Meridian Verification"
                    },
            "smeta",
                    new String[] {
                        "Lotus Audit Services", "Clearview Assurance", "Equinox Ethical Audits", "Bridge Compliance"
                    },
            "amfori_bsci",
                    new String[] {
                        "Apex Social Compliance", "Bridge Compliance", "Veritas Social Audit", "Northstar Audit"
                    },
            "sa8000", new String[] {"Cert Global", "Social Cert International", "Equinox Certification"});

    private void audit(Ctx c, int q, LocalDate date, double[] p) {
        Rng r = c.r;
        Facility f = c.f;
        String scheme = f.scheme;
        World.Audits wa = w.audits();
        boolean first = c.auditSeq == 0;
        c.auditSeq++;
        boolean announced = r.chance(wa.announcedShare());
        String prefix =
                switch (scheme) {
                    case "rba_vap" -> "RBA";
                    case "smeta" -> "SM";
                    case "amfori_bsci" -> "BSCI";
                    default -> "SA";
                };
        String auditor;
        boolean repeat = c.lastAuditor != null && r.chance(wa.repeatAuditorShare());
        if (repeat) {
            auditor = c.lastAuditor;
        } else {
            do {
                auditor = prefix + "-" + f.country + "-"
                        + String.format(Locale.ROOT, "%02d", 1 + r.nextInt(wa.auditorsPerSchemeCountry()));
            } while (auditor.equals(c.lastAuditor) && wa.auditorsPerSchemeCountry() > 1);
        }
        c.lastAuditor = auditor;
        double mult = (announced ? 1 : wa.unannouncedMultiplier()) * (repeat ? wa.repeatAuditorMultiplier() : 1);
        String auditId =
                switch (scheme) {
                    case "rba_vap" -> "VAP-" + date.getYear() + "-" + Ids.digits(r.nextLong(), 7);
                    case "smeta" -> "ZAA" + Ids.digits(r.nextLong(), 9);
                    case "amfori_bsci" -> "BSCI-" + Ids.digits(r.nextLong(), 8);
                    default -> "SA-" + Ids.b32(r.nextLong(), 9);
                };
        Taxonomy.CodeList list = tax.list(scheme);
        String label = Integer.toString(date.getYear());
        Streams.Def fdef = Streams.FINDINGS.get(scheme);
        int nCrit = 0, nMaj = 0, nMin = 0, seq = 0;
        List<Row> findings = new ArrayList<>();
        for (int t = 0; t < T; t++) {
            String theme = tax.themeIds.get(t);
            if (list.codesFor(theme).isEmpty()) continue;
            double h = Math.min(1, p[t] / thr[t]);
            double prob = Math.min(0.98, sensitivity(scheme, t) * mult * h + wa.falsePositiveRate() * (1 - h));
            if (!r.chance(prob)) continue;
            String level;
            boolean hasCritical = list.word("critical") != null;
            if (hasCritical && ilo[t] && p[t] >= 2 * thr[t] && r.chance(wa.criticalShare())) level = "critical";
            else if (p[t] >= thr[t]) level = r.chance(0.7) ? "major" : "minor";
            else level = r.chance(0.7) ? "minor" : "major";
            if (level.equals("critical")) nCrit++;
            else if (level.equals("major")) nMaj++;
            else nMin++;
            String word = list.word(level);
            String code = r.pick(list.codesFor(theme)).code();
            seq++;
            String findingId = findingId(scheme, seq);
            String text = Texts.findingText(theme, p[t]);
            String defect = c.defect(FINDING_DEFECTS);
            Row row = Row.csv(auditId, findingId, code, word, text);
            if ("UNKNOWN_CODE".equals(defect)) {
                String bogus =
                        switch (scheme) {
                            case "rba_vap" -> "A9.9";
                            case "smeta" -> "12.4";
                            case "amfori_bsci" -> "PA14";
                            default -> "10.2";
                        };
                row.fields[2] = bogus;
                row.defect(defect, true, "clause " + bogus + " not in taxonomy");
            } else if ("SCRIPT_TEXT".equals(defect)) {
                row.fields[4] = text + " " + SCRIPT;
                row.defect(defect, false, "script tag in finding text");
            }
            findings.add(row);
            if ("DUPLICATE".equals(defect))
                findings.add(row.copy().defect("DUPLICATE", true, "exact copy of the previous record"));
            cap(
                    c,
                    "audit_finding",
                    scheme + ":" + auditId + ":" + findingId,
                    t,
                    code,
                    scheme,
                    word,
                    date,
                    q,
                    Math.max(1, (int) Math.round(p[t] * f.headcount * r.uniform(0.2, 1.0))),
                    r.chance(w.remediation().effectiveShare()),
                    false);
        }
        if (scheme.equals("smeta") && r.chance(0.3)) {
            int t = r.nextInt(T);
            if (p[t] < thr[t] / 2) {
                seq++;
                findings.add(Row.csv(
                        auditId,
                        findingId(scheme, seq),
                        r.pick(list.codesFor(tax.themeIds.get(t))).code(),
                        list.word("positive"),
                        "Good practice observed: " + tax.themeNames.get(t).toLowerCase(Locale.ROOT)
                                + " well managed."));
            }
        }
        // Header row.
        String name = c.name(NAME_AUDIT);
        String osId = r.chance(0.75) ? f.osId : "";
        DateFmt df = scheme.equals("smeta") ? DateFmt.DMY : scheme.equals("amfori_bsci") ? DateFmt.DMONY : DateFmt.ISO;
        String dateText = fmt(date, df);
        int interviewed =
                (int) Math.min(f.headcount, Math.round((6 + 1.2 * Math.sqrt(f.headcount)) * r.uniform(0.8, 1.2)));
        int hc = (int) Math.round(f.headcount * r.uniform(0.9, 1.1));
        String type =
                switch (scheme) {
                    case "rba_vap" -> first ? "Initial" : "Periodic";
                    case "smeta" -> first ? "Full Initial" : "Full Periodic";
                    case "amfori_bsci" -> "Full Monitoring";
                    default -> first ? "Initial Certification" : "Surveillance";
                };
        String ann =
                switch (scheme) {
                    case "sa8000" -> announced ? "Y" : "N";
                    case "rba_vap" -> announced ? "Announced" : "Unannounced";
                    default -> announced ? (r.chance(0.3) ? "Semi-announced" : "Announced") : "Unannounced";
                };
        String firm = r.pick(FIRMS.get(scheme));
        String rating =
                switch (scheme) {
                    case "rba_vap" -> Integer.toString(Math.max(0, 200 - 20 * nCrit - 4 * nMaj - nMin - r.nextInt(8)));
                    case "amfori_bsci" -> {
                        int score = Math.max(0, 100 - 15 * nCrit - 6 * nMaj - 2 * nMin);
                        yield score >= 86 ? "A" : score >= 71 ? "B" : score >= 51 ? "C" : score >= 30 ? "D" : "E";
                    }
                    case "sa8000" -> nMaj == 0
                            ? "Certified"
                            : nMaj <= 2 ? "Certified - corrective actions pending" : "Suspended";
                    default -> null;
                };
        String defect = c.defect(AUDIT_DEFECTS);
        String detail = null;
        switch (defect == null ? "" : defect) {
            case "BAD_DATE" -> {
                dateText = badDate(r, df);
                detail = "impossible date " + dateText;
            }
            case "FUTURE_DATE" -> {
                dateText = fmt(future(r), df);
                detail = "audit date after the export date";
            }
            case "NEGATIVE_COUNT" -> {
                interviewed = -interviewed;
                detail = "workers interviewed " + interviewed;
            }
            case "UNRESOLVED_FACILITY" -> {
                name = ghostName(r, f.country);
                osId = "";
                detail = "site '" + name + "' matches no facility";
            }
            case "FORMULA_TEXT" -> {
                osId = f.osId;
                name = FORMULA + " " + name;
                c.extraName(name);
                detail = "formula text in facility name (resolvable by OS ID)";
            }
            default -> {}
        }
        List<String> fields = new ArrayList<>(List.of(
                auditId,
                name,
                osId,
                f.country,
                dateText,
                firm,
                auditor,
                type,
                ann,
                Integer.toString(interviewed),
                Integer.toString(hc)));
        if (rating != null) fields.add(rating);
        Row header = Row.csv(fields.toArray(new String[0]));
        Streams.Def adef = Streams.AUDITS.get(scheme);
        if (defect != null && !defect.equals("DUPLICATE")) header.defect(defect, !KEEP.contains(defect), detail);
        c.out.emits.add(new Out.Emit(adef, label, header));
        if ("DUPLICATE".equals(defect))
            c.out.emits.add(new Out.Emit(
                    adef, label, header.copy().defect("DUPLICATE", true, "exact copy of the previous record")));
        for (Row fr : findings) c.out.emits.add(new Out.Emit(fdef, label, fr));
    }

    private static String findingId(String scheme, int seq) {
        return switch (scheme) {
            case "rba_vap" -> String.format(Locale.ROOT, "F%02d", seq);
            case "smeta" -> "NC-" + seq;
            case "amfori_bsci" -> Integer.toString(seq);
            default -> String.format(Locale.ROOT, "NC-%02d", seq);
        };
    }

    // ---------------------------------------------------------------- remediation

    private void cap(
            Ctx c,
            String sourceType,
            String sourceRef,
            int t,
            String code,
            String taxonomy,
            String severityWord,
            LocalDate sourceDate,
            int q,
            int workers,
            boolean effective,
            boolean workerConfirmed) {
        Rng r = c.r;
        Facility f = c.f;
        World.Remediation rm = w.remediation();
        String capId = "CAP-" + Ids.b32(r.nextLong(), 10);
        LocalDate opened = sourceDate.plusDays(r.nextInt(11));
        int due = rm.dueDays(taxonomy, severityWord);
        LocalDate dueAt = opened.plusDays(due);
        LocalDate closed = r.chance(rm.onTimeShare())
                ? opened.plusDays(1 + r.nextInt(Math.max(1, due)))
                : dueAt.plusDays(r.between(rm.lateDays().get(0), rm.lateDays().get(1)));
        if (closed.isAfter(export)) closed = null;
        LocalDate verified = null;
        String method = "";
        if (closed != null) {
            if (workerConfirmed) method = "worker_confirmation";
            else if (sourceType.equals("audit_finding")) method = r.chance(0.4) ? "re_audit" : "document";
            else method = r.chance(0.7) ? "document" : "worker_confirmation";
            verified = closed.plusDays(r.nextInt(45));
            if (verified.isAfter(export) || r.chance(0.25)) verified = null;
        }
        String status =
                verified != null ? "Verified" : closed != null ? "Closed" : dueAt.isBefore(export) ? "Overdue" : "Open";
        String theme = tax.themeIds.get(t);
        World.Monetary mon = rm.monetary().get(theme);
        String remedy;
        Double amount = null;
        String currency = null;
        if (mon != null && r.chance(mon.share())) {
            remedy = mon.type();
            double usd = workers
                    * r.uniform(mon.usdPerWorker().get(0), mon.usdPerWorker().get(1));
            double local = usd * c.country.usdRate();
            amount = c.country.usdRate() >= 100
                    ? (double) Math.round(local / 100) * 100
                    : Math.round(local * 100) / 100.0;
            currency = c.country.currency();
        } else {
            remedy = r.pick(new String[] {"policy_change", "training", "policy_change", "other"});
        }
        // Truth: an effective CAP lowers the cell's prevalence from a later quarter on.
        double red = 0;
        int from = -1;
        if (effective) {
            red = r.uniform(rm.reduction().get(0), rm.reduction().get(1));
            from = q + r.between(rm.lagQuarters().get(0), rm.lagQuarters().get(1));
            for (int k = Math.max(0, from); k < c.reduction[t].length; k++)
                c.reduction[t][k] = Math.max(c.reduction[t][k], red);
        }
        c.out.remediation
                .append(capId)
                .append(',')
                .append(effective)
                .append(',')
                .append(f.id)
                .append(',')
                .append(theme)
                .append(',')
                .append(effective ? Csv.fmt(red, 3) : "")
                .append(',')
                .append(effective && from < Q ? period[from] : "")
                .append('\n');
        Object[] cells = {
            capId,
            sourceType,
            sourceRef,
            f.id,
            code,
            taxonomy,
            opened,
            dueAt,
            closed,
            verified,
            method,
            remedy,
            amount,
            currency,
            workers,
            status
        };
        CapLog.CapRow row = new CapLog.CapRow(cells);
        String defect = c.defect(CAP_DEFECTS);
        switch (defect == null ? "" : defect) {
            case "BAD_DATE" -> {
                String bad = badDate(r, r.chance(0.5) ? DateFmt.DMY : DateFmt.ISO);
                cells[6] = bad;
                row.defect(defect, true, "impossible opened date " + bad);
            }
            case "FUTURE_DATE" -> {
                cells[6] = future(r);
                row.defect(defect, true, "opened after the export date");
            }
            case "NEGATIVE_COUNT" -> {
                cells[14] = -workers;
                row.defect(defect, true, "workers covered " + (-workers));
            }
            case "UNKNOWN_CODE" -> {
                cells[4] = "ZZ" + (10 + r.nextInt(89));
                row.defect(defect, true, "issue code " + cells[4] + " not in taxonomy " + taxonomy);
            }
            case "EXCEL_SERIAL_DATE" -> {
                for (int i = 6; i <= 9; i++) if (cells[i] instanceof LocalDate d) cells[i] = (double) excelSerial(d);
                row.defect(defect, false, "dates as Excel serial numbers");
            }
            case "DMY_DATE" -> {
                for (int i = 6; i <= 9; i++) if (cells[i] instanceof LocalDate d) cells[i] = fmt(d, DateFmt.DMY);
                row.defect(defect, false, "dates as dd/MM/yyyy text");
            }
            default -> {}
        }
        c.out.caps.add(row);
        if ("DUPLICATE".equals(defect))
            c.out.caps.add(
                    new CapLog.CapRow(cells.clone()).defect("DUPLICATE", true, "exact copy of the previous row"));
    }

    static long excelSerial(LocalDate d) {
        return ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), d);
    }
}

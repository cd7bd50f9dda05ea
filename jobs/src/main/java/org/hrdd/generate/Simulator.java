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

    final World world;
    final Taxonomy tax;
    final World.Tier tier;
    final long seed;
    final FacilityFactory factory;
    final int themeCount, quarterCount;
    final LocalDate[] qStart;
    final String[] period, fileLabel;
    final LocalDate export;
    final double[] base, threshold, severity, helplineReport, surveyDisclosure, sensBase;
    final boolean[] migrantLinked, agencyLinked, ilo, codableInHelplineB;
    final String[] topic;
    final Set<String> dolForced = new HashSet<>(), dolChild = new HashSet<>();
    final SurveyInstrument.Question[] questionByTheme;
    /** Defect kinds a source can have -> their weights from the world file. */
    final Map<String[], Map<String, Double>> defectWeights = new java.util.IdentityHashMap<>();
    /** Theme index of the k-th question of the questionnaire (answers are written in question order). */
    final int[] questionTheme;

    Simulator(World world, Taxonomy tax, World.Tier tier, long seed, FacilityFactory factory) {
        this.world = world;
        this.tax = tax;
        this.tier = tier;
        this.seed = seed;
        this.factory = factory;
        themeCount = tax.themeCount();
        quarterCount = world.periods().quarters();
        String fq = world.periods().firstQuarter();
        LocalDate s0 = LocalDate.of(Integer.parseInt(fq.substring(0, 4)), 3 * (fq.charAt(6) - '1') + 1, 1);
        qStart = new LocalDate[quarterCount + 1];
        period = new String[quarterCount];
        fileLabel = new String[quarterCount];
        for (int q = 0; q <= quarterCount; q++) {
            qStart[q] = s0.plusMonths(3L * q);
            if (q < quarterCount) {
                int qq = (qStart[q].getMonthValue() - 1) / 3 + 1;
                period[q] = qStart[q].getYear() + "-Q" + qq;
                fileLabel[q] = qStart[q].getYear() + "Q" + qq;
            }
        }
        export = world.periods().export();
        base = new double[themeCount];
        threshold = new double[themeCount];
        severity = new double[themeCount];
        helplineReport = new double[themeCount];
        surveyDisclosure = new double[themeCount];
        sensBase = new double[themeCount];
        migrantLinked = new boolean[themeCount];
        agencyLinked = new boolean[themeCount];
        ilo = new boolean[themeCount];
        codableInHelplineB = new boolean[themeCount];
        topic = new String[themeCount];
        questionByTheme = new SurveyInstrument.Question[themeCount];
        for (int t = 0; t < themeCount; t++) {
            String id = tax.themeIds.get(t);
            World.ThemeParams p = world.themes().get(id);
            if (p == null) throw new IllegalArgumentException("world file has no parameters for theme " + id);
            base[t] = p.baseline();
            threshold[t] = p.threshold();
            severity[t] = p.severityWeight();
            helplineReport[t] = p.helplineReport();
            surveyDisclosure[t] = p.surveyDisclosure();
            sensBase[t] = p.sensitivity();
            migrantLinked[t] = p.migrantLinked();
            agencyLinked[t] = p.agencyLinked();
            ilo[t] = tax.iloForcedLabour.get(t) || id.equals("recruitment_fees");
            codableInHelplineB[t] = !tax.list("helpline_ngo_b").codesFor(id).isEmpty();
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
                Double wt = world.defects().kinds().get(k);
                if (wt != null && wt > 0) m.put(k, wt);
            }
            defectWeights.put(kinds, m);
        }
        questionTheme = new int[themeCount];
        for (int k = 0; k < themeCount; k++)
            questionTheme[k] = tax.themeIndex(SurveyInstrument.QUESTIONS.get(k).theme());
        for (World.DolGood g : world.dolGoods()) {
            if (g.forcedLabour()) dolForced.add(g.country() + "|" + g.sector());
            if (g.childLabour()) dolChild.add(g.country() + "|" + g.sector());
        }
    }

    double sensitivity(String scheme, int t) {
        return Math.min(0.98, sensBase[t] * world.audits().schemeFactor().getOrDefault(scheme, 1.0));
    }

    int quarterOf(LocalDate d) {
        for (int q = quarterCount - 1; q >= 0; q--) if (!d.isBefore(qStart[q])) return q;
        return -1;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    // ---------------------------------------------------------------- per facility state

    private final class Ctx {
        final Facility facility;
        final Rng rng;
        final long facilitySeed;
        final Out out = new Out();
        final double[][] reduction = new double[themeCount][quarterCount + 2];
        long usedVariants; // bit i = variant i appeared in an export
        final Map<String, Boolean> extra = new LinkedHashMap<>();
        int auditSeq;
        String lastAuditor;
        World.Country country;

        Ctx(Facility facility) {
            this.facility = facility;
            this.facilitySeed = Ids.mix(seed, facility.index, 0xFAC);
            this.rng = new Rng(facilitySeed);
            this.country = world.country(facility.country);
        }

        String defect(String[] kinds) {
            if (!rng.chance(world.defects().share())) return null;
            Map<String, Double> m = defectWeights.get(kinds);
            return m.isEmpty() ? null : rng.weighted(m);
        }

        String name(double[] kindWeights) {
            int k = rng.weightedIndex(kindWeights);
            int v = facility.variant((byte) k);
            usedVariants |= 1L << v;
            return facility.variants[v];
        }

        void extraName(String n) {
            extra.put(n, Boolean.TRUE);
        }

        String id(String prefix, int n) {
            return prefix + Ids.b32(rng.nextLong(), n);
        }
    }

    /** A worker of the facility, derived from (facility, worker number) so repeat contacts agree. */
    private final class Worker {
        final String nationality, language, name, key;
        final boolean female;
        final Rng workerRng;

        Worker(Ctx state, int idx) {
            workerRng = Rng.of(state.facilitySeed, idx, 0x30B);
            nationality = workerRng.chance(state.facility.migrantShare)
                    ? workerRng.weighted(state.country.migrantOrigins())
                    : state.country.local();
            female = workerRng.chance(world.femaleShare());
            language = workerRng.weighted(world.languages().get(nationality));
            name = Names.personName(workerRng, nationality, female);
            key = "rsp_" + Ids.b32(Ids.mix(state.facilitySeed, idx, 0x4E7), 12).toLowerCase(Locale.ROOT);
        }
    }

    // ---------------------------------------------------------------- main loop

    Out simulate(Facility facility) {
        Ctx state = new Ctx(facility);
        Rng rng = state.rng;
        World.Prevalence prevalenceParams = world.prevalence();
        World.Sector sec = world.sector(facility.sector);
        String cs = facility.country + "|" + facility.sector;
        double common = rng.normal(0, prevalenceParams.facilityCommonSd());
        double[] mu = new double[themeCount];
        double[] drift = new double[themeCount];
        double stationary = prevalenceParams.driftSd()
                / Math.sqrt(Math.max(1e-9, 1 - prevalenceParams.driftPhi() * prevalenceParams.driftPhi()));
        for (int t = 0; t < themeCount; t++) {
            String id = tax.themeIds.get(t);
            double x = base[t]
                    + state.country.effect()
                    + state.country.themeEffects().getOrDefault(id, 0.0)
                    + sec.effect()
                    + sec.themeEffects().getOrDefault(id, 0.0)
                    + common
                    + rng.normal(0, prevalenceParams.facilityThemeSd());
            if (migrantLinked[t]) x += prevalenceParams.migrantCoefficient() * (facility.migrantShare - 0.5);
            if (agencyLinked[t]) x += facility.agencyEffect;
            if (ilo[t] && dolForced.contains(cs)) x += world.dolForcedLabourEffect();
            if (id.equals("child_labour") && dolChild.contains(cs)) x += world.dolChildLabourEffect();
            mu[t] = x;
            drift[t] = rng.normal(0, stationary);
        }
        // Worker-voice set-up for this facility.
        double hReach =
                rng.uniform(tier.helplineReach().get(0), tier.helplineReach().get(1));
        double sReach =
                rng.uniform(tier.surveyReach().get(0), tier.surveyReach().get(1));
        double cov = tier.coverage(), a = world.workerVoice().coveragePersistence();
        double enter = Math.min(1, cov * (1 - a) / Math.max(1e-9, 1 - cov));
        boolean covered = rng.chance(cov);
        List<LocalDate> audits = auditSchedule(rng);
        int auditIdx = 0;
        state.out.burden = new double[quarterCount];
        double[] p = new double[themeCount];
        boolean systemB = facility.helpline.equals("helpline_ngo_b");
        for (int q = 0; q < quarterCount; q++) {
            if (q > 0) {
                for (int t = 0; t < themeCount; t++)
                    drift[t] = prevalenceParams.driftPhi() * drift[t] + rng.normal(0, prevalenceParams.driftSd());
                covered = rng.chance(covered ? a : enter);
            }
            double burden = 0;
            for (int t = 0; t < themeCount; t++) {
                p[t] = sigmoid(mu[t] + drift[t]) * (1 - state.reduction[t][q]);
                burden += severity[t] * p[t];
            }
            state.out.burden[q] = burden;
            // Worker voice.
            double[] prevalence = new double[themeCount];
            double[] disclosure = new double[themeCount];
            int codable = 0;
            for (int t = 0; t < themeCount; t++) if (!systemB || codableInHelplineB[t]) codable++;
            double none = 1;
            for (int t = 0; t < themeCount; t++) {
                prevalence[t] = (systemB && !codableInHelplineB[t])
                        ? 0
                        : p[t] * helplineReport[t]
                                + (1 - p[t]) * world.workerVoice().helplineNoise() / codable;
                none *= 1 - prevalence[t];
                disclosure[t] = p[t] * surveyDisclosure[t]
                        + (1 - p[t]) * world.workerVoice().surveyNoise();
            }
            double p1 = 1 - none;
            int helplineContacts = 0, nS = 0;
            if (covered) {
                double rate = Math.max(
                        0.005, Math.min(0.05, hReach * p1 / world.workerVoice().helplineVolumeReference()));
                helplineContacts = rng.poisson(facility.headcount * rate);
                for (int k = 0; k < helplineContacts; k++) helplineCase(state, q, prevalence, systemB);
                if (rng.chance(tier.surveyRoundShare())) {
                    nS = rng.binomial(facility.headcount, sReach);
                    surveyRound(state, q, nS, disclosure);
                }
            }
            state.out.helplineCases += helplineContacts;
            state.out.surveyResponses += nS;
            double[] eH = helplineContacts > 0 ? helplineExpected(prevalence, p1) : null;
            while (auditIdx < audits.size() && quarterOf(audits.get(auditIdx)) == q)
                audit(state, q, audits.get(auditIdx++), p);
            for (int t = 0; t < themeCount; t++) {
                StringBuilder sb = state.out.prevalence;
                sb.append(facility.id)
                        .append(',')
                        .append(tax.themeIds.get(t))
                        .append(',')
                        .append(period[q])
                        .append(',')
                        .append(Csv.fmt(p[t], 6))
                        .append(',');
                if (helplineContacts + nS > 0)
                    sb.append(Csv.fmt(
                            ((helplineContacts > 0 ? helplineContacts * eH[t] : 0) + nS * disclosure[t])
                                    / (helplineContacts + nS),
                            6));
                sb.append(',')
                        .append(p[t] > threshold[t])
                        .append(',')
                        .append(helplineContacts + nS)
                        .append('\n');
            }
        }
        // Aliases: registered name, the supplier list's aliases and every variant used in an export.
        for (int v = 0; v < facility.variants.length; v++) {
            boolean inMaster = v == 0 || containsAlias(facility.masterAliases, facility.variants[v]);
            if (inMaster || (state.usedVariants & (1L << v)) != 0) {
                state.out.aliases.append(Csv.line(
                        new String[] {facility.variants[v], facility.id, Facility.KIND_NAMES[facility.kinds[v]]}));
            }
        }
        for (String n : state.extra.keySet())
            state.out.aliases.append(Csv.line(new String[] {n, facility.id, "injected_text"}));
        for (Out.Emit e : state.out.emits) e.row().freeze();
        return state.out;
    }

    private static boolean containsAlias(String list, String name) {
        if (list.isEmpty()) return false;
        for (String s : list.split("\\|")) if (s.equals(name)) return true;
        return false;
    }

    /** E[theme t named | case], for independent theme draws conditioned on >= 1 and capped. */
    double[] helplineExpected(double[] prevalence, double p1) {
        int cap = world.workerVoice().maxThemesPerCase();
        int S = 10;
        double[][] pre = new double[themeCount + 1][S];
        double[][] suf = new double[themeCount + 2][S];
        pre[0][0] = 1;
        for (int t = 0; t < themeCount; t++) conv(pre[t], prevalence[t], pre[t + 1]);
        suf[themeCount][0] = 1;
        for (int t = themeCount - 1; t >= 0; t--) conv(suf[t + 1], prevalence[t], suf[t]);
        double[] e = new double[themeCount];
        for (int t = 0; t < themeCount; t++) {
            if (prevalence[t] == 0) continue;
            double acc = 0;
            for (int i = 0; i < S; i++) {
                if (pre[t][i] == 0) continue;
                for (int j = 0; j < S; j++) {
                    int k = Math.min(S - 1, i + j);
                    acc += pre[t][i] * suf[t + 1][j] * Math.min(1.0, cap / (1.0 + k));
                }
            }
            e[t] = prevalence[t] * acc / p1;
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
    private List<Integer> drawThemes(Rng rng, double[] prevalence) {
        double[] sufNone = new double[themeCount + 1];
        sufNone[themeCount] = 1;
        for (int t = themeCount - 1; t >= 0; t--) sufNone[t] = sufNone[t + 1] * (1 - prevalence[t]);
        List<Integer> named = new ArrayList<>();
        for (int t = 0; t < themeCount; t++) {
            double pt;
            if (named.isEmpty()) {
                double atLeast = 1 - sufNone[t];
                pt = atLeast <= 0 ? 0 : prevalence[t] / atLeast;
            } else {
                pt = prevalence[t];
            }
            if (rng.chance(pt)) named.add(t);
        }
        if (named.isEmpty()) { // numerically impossible unless all pi are 0
            named.add(0);
        }
        int cap = world.workerVoice().maxThemesPerCase();
        while (named.size() > cap) named.remove(rng.nextInt(named.size()));
        // The caller mentions the themes in random order; the first is the main issue.
        for (int i = named.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Integer tmp = named.get(i);
            named.set(i, named.get(j));
            named.set(j, tmp);
        }
        return named;
    }

    // ---------------------------------------------------------------- dates

    static String fmt(LocalDate d, DateFmt format) {
        return switch (format) {
            case ISO -> d.toString();
            case DMY -> String.format(Locale.ROOT, "%02d/%02d/%04d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
            case DMONY -> d.getDayOfMonth() + " " + MONTHS[d.getMonthValue() - 1] + " " + d.getYear();
            case ISO_DT -> d.toString();
        };
    }

    static String badDate(Rng rng, DateFmt format) {
        int y = 2025 - rng.nextInt(5);
        int kind = rng.nextInt(4);
        return switch (format) {
            case ISO, ISO_DT -> switch (kind) {
                        case 0 -> y + "-02-31";
                        case 1 -> y + "-05-00";
                        case 2 -> y + "-13-04";
                        default -> y + "-04-31";
                    }
                    + (format == DateFmt.ISO_DT ? "T10:15:00+07:00" : "");
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

    LocalDate future(Rng rng) {
        return export.plusDays(10 + rng.nextInt(400));
    }

    LocalDate dayIn(Rng rng, int q) {
        long len = ChronoUnit.DAYS.between(qStart[q], qStart[q + 1]);
        return qStart[q].plusDays(rng.nextInt((int) len));
    }

    // ---------------------------------------------------------------- helpline

    private static final double[] NAME_HELPLINE = {0.25, 0.20, 0.15, 0.10, 0.05, 0.10, 0.10, 0.05};
    private static final double[] NAME_SURVEY = {0.55, 0.25, 0.10, 0, 0.10, 0, 0, 0};
    private static final double[] NAME_AUDIT = {0.65, 0, 0, 0.20, 0.15, 0, 0, 0};

    private void helplineCase(Ctx state, int q, double[] prevalence, boolean systemB) {
        Rng rng = state.rng;
        Facility facility = state.facility;
        List<Integer> themes = drawThemes(rng, prevalence);
        Worker worker = new Worker(state, rng.nextInt(facility.headcount));
        String system = systemB ? "helpline_ngo_b" : "helpline_ngo_a";
        Taxonomy.CodeList codes = tax.list(system);
        String defect = state.defect(systemB ? HELPLINE_B_DEFECTS : HELPLINE_A_DEFECTS);
        LocalDate received = dayIn(rng, q);
        String lang = Texts.TEXT_LANGUAGES.contains(worker.language) ? worker.language : "en";
        String channel = systemB ? rng.weighted(B_CHANNELS) : rng.weighted(A_CHANNELS);
        String phoneCountry = worker.workerRng.chance(0.8) ? facility.country : worker.nationality;
        String phone = Names.phone(worker.workerRng, phoneCountry);
        String callerId = channel.equals("line")
                ? "line:" + worker.name.toLowerCase(Locale.ROOT).replace(' ', '_')
                        + Ids.digits(worker.workerRng.nextLong(), 2)
                : channel.equals("facebook") ? "fb:1000" + Ids.digits(worker.workerRng.nextLong(), 11) : phone;
        String email = Names.email(worker.workerRng, worker.name);
        String passport = Names.passport(worker.workerRng, worker.nationality);
        String callerName = rng.chance(0.08) ? "" : worker.name;
        String workplace = state.name(NAME_HELPLINE);
        String osId = !systemB && rng.chance(world.workerVoice().looseName().osIdGivenNgoA()) ? facility.osId : "";
        String detail = null;
        if ("UNRESOLVED_FACILITY".equals(defect)) {
            if (rng.chance(0.3)) {
                workplace = "";
                detail = "no workplace recorded";
            } else {
                workplace = ghostName(rng, facility.country);
                detail = "workplace '" + workplace + "' matches no facility";
            }
            osId = !systemB && rng.chance(0.4) ? ghostOsId(rng, facility.country) : "";
        }
        boolean agencyTheme = false;
        List<String> themeIds = new ArrayList<>();
        for (int t : themes) {
            themeIds.add(tax.themeIds.get(t));
            agencyTheme |= agencyLinked[t];
        }
        String recruiter = "";
        if (agencyTheme || rng.chance(0.3)) {
            FacilityFactory.Agency ag = factory.agencies.get(facility.agencies[rng.nextInt(facility.agencies.length)]);
            recruiter = rng.chance(0.5)
                    ? ag.name()
                    : rng.chance(0.5) ? ag.shortName() : ag.shortName().toLowerCase(Locale.ROOT);
        }
        List<String> issue = new ArrayList<>();
        for (String id : themeIds) issue.add(rng.pick(codes.codesFor(id)).code());
        String description = Texts.describe(
                rng,
                lang,
                callerName.isEmpty() ? "(anonymous)" : callerName,
                themeIds,
                workplace,
                phone,
                email,
                passport);
        int affected = rng.chance(world.workerVoice().groupCaseShare()) ? rng.between(2, 60) : 1;
        boolean consentAgg = rng.chance(world.workerVoice().consent().aggregate());
        boolean consentShare = rng.chance(world.workerVoice().consent().caseSharing());
        boolean consentResearch = rng.chance(world.workerVoice().consent().research());
        LocalDate resolved = null;
        if (rng.chance(world.workerVoice().caseResolvedShare())) {
            resolved = received.plusDays(3 + rng.nextInt(118));
            if (resolved.isAfter(export)) resolved = null;
        }
        String caseId = systemB
                ? "MWB" + Ids.digits(rng.nextLong(), 10)
                : "NGA-" + received.getYear() + "-" + Ids.b32(rng.nextLong(), 8);
        // CAP: the brand opens one for a share of cases it may see (case-sharing consent).
        Boolean effective = null;
        int mainTheme = themes.get(0);
        if (consentShare
                && !"UNRESOLVED_FACILITY".equals(defect)
                && rng.chance(Math.min(
                        1,
                        world.remediation().caseCapShare()
                                / world.workerVoice().consent().caseSharing()))) {
            effective = rng.chance(world.remediation().effectiveShare());
        }
        String confirmed = "";
        boolean isConfirmed = false;
        if (resolved != null) {
            double share = world.remediation().workerConfirmationShare();
            if (effective != null) share = Math.min(1, share * (effective ? 1.5 : 0.5));
            isConfirmed = rng.chance(share);
            confirmed = isConfirmed ? (systemB ? "Y" : "yes") : (systemB ? "N" : "no");
        }
        if (effective != null) {
            String code = issue.get(0);
            cap(
                    state,
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
        String date = systemB ? fmt(received, DateFmt.DMY) : fmt(received, DateFmt.ISO);
        boolean quarantine = defect != null && !KEEP.contains(defect);
        switch (defect == null ? "" : defect) {
            case "BAD_DATE" -> {
                date = badDate(rng, systemB ? DateFmt.DMY : DateFmt.ISO);
                detail = "impossible date " + date;
            }
            case "FUTURE_DATE" -> {
                LocalDate fd = future(rng);
                date = systemB ? fmt(fd, DateFmt.DMY) : fmt(fd, DateFmt.ISO);
                detail = "received after the export date";
            }
            case "BUDDHIST_ERA_DATE" -> {
                LocalDate be = received.plusYears(543);
                date = systemB ? fmt(be, DateFmt.DMY) : fmt(be, DateFmt.ISO);
                detail = "Thai Buddhist-era year " + be.getYear() + " = " + received.getYear();
            }
            case "UNKNOWN_CODE" -> {
                String bogus = rng.pick(new String[] {"RF99", "XX01", "WG9", "OTHER", "ID-03"});
                issue.set(issue.size() - 1, bogus);
                detail = "issue code " + bogus + " not in taxonomy";
            }
            case "NEGATIVE_COUNT" -> {
                affected = -affected - rng.nextInt(5);
                detail = "workers_affected " + affected;
            }
            case "FORMULA_TEXT" -> {
                if (!systemB && !osId.isEmpty() && rng.chance(0.5)) {
                    workplace = FORMULA + " " + workplace;
                    state.extraName(workplace);
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
        if (!systemB) {
            row = Row.csv(
                    caseId,
                    date,
                    channel,
                    lang,
                    callerId,
                    callerName,
                    worker.nationality,
                    gender(rng, worker),
                    workplace,
                    osId,
                    facility.country,
                    recruiter,
                    String.join(";", issue),
                    description,
                    Integer.toString(affected),
                    resolved != null ? "closed" : rng.pick(new String[] {"open", "in_progress", "referred"}),
                    resolved == null ? "" : fmt(resolved, DateFmt.ISO),
                    resolved == null ? "" : rng.pick(Texts.RESOLUTIONS),
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
                worker.nationality,
                gender(rng, worker),
                workplace,
                facility.country,
                recruiter,
                description,
                Integer.toString(affected),
                resolved != null ? "Closed" : rng.chance(0.6) ? "Open" : "Pending",
                resolved == null ? "" : fmt(resolved, DateFmt.DMY),
                confirmed,
                consentAgg ? "Y" : "N",
                consentShare ? "Y" : "N",
                consentResearch ? "Y" : "N"
            };
            System.arraycopy(base, 0, fields, 0, base.length);
            int style = rng.nextInt(10);
            String yes = style < 6 ? "1" : style < 8 ? "Yes" : "X";
            String no = style < 6 ? (rng.chance(0.3) ? "0" : "") : style < 8 ? (rng.chance(0.5) ? "No" : "") : "";
            int i = base.length;
            for (String code : Streams.NGO_B_FLAGS.values()) fields[i++] = issue.contains(code) ? yes : no;
            row = Row.csv(fields);
        }
        if (defect != null && !defect.equals("DUPLICATE")) row.defect(defect, quarantine, detail);
        Streams.Def def = systemB ? Streams.NGO_B : Streams.NGO_A;
        state.out.emits.add(new Out.Emit(def, fileLabel[q], row));
        if ("DUPLICATE".equals(defect)) {
            state.out.emits.add(new Out.Emit(
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

    private static String gender(Rng rng, Worker worker) {
        if (rng.chance(0.05)) return rng.chance(0.5) ? "" : "X";
        return worker.female ? "F" : "M";
    }

    private String ghostName(Rng rng, String cc) {
        for (; ; ) {
            String n =
                    FacilityFactory.legal(cc, rng.pick(Names.GHOST) + " " + rng.pick(Names.GHOST_TAIL), rng.nextInt(2));
            if (!factory.nameIndex.containsKey(FacilityFactory.norm(n))) return n;
        }
    }

    private String ghostOsId(Rng rng, String cc) {
        for (; ; ) {
            String os = Ids.osId(cc, rng.between(2016, 2024), rng.between(1, 365), rng.nextLong());
            if (!factory.osIndex.containsKey(os)) return os;
        }
    }

    // ---------------------------------------------------------------- survey

    private void surveyRound(Ctx state, int q, int n, double[] disclosure) {
        Rng rng = state.rng;
        Facility facility = state.facility;
        String surveyId = "WV-" + fileLabel[q];
        long len = ChronoUnit.DAYS.between(qStart[q], qStart[q + 1]);
        LocalDate start = qStart[q].plusDays(rng.nextInt((int) Math.max(1, len - 21)));
        String licence = "LIC-" + facility.country + "-" + qStart[q].getYear();
        int step = coprimeStep(rng, facility.headcount);
        int first = rng.nextInt(facility.headcount);
        StringBuilder sb = new StringBuilder(700);
        for (int k = 0; k < n; k++) {
            int idx = (int) ((first + (long) k * step) % facility.headcount);
            Worker worker = new Worker(state, idx);
            String defect = state.defect(SURVEY_DEFECTS);
            LocalDate day = start.plusDays(rng.nextInt(21));
            String submitted = fmt(day, DateFmt.ISO_DT)
                    + String.format(
                            Locale.ROOT, "T%02d:%02d:%02d", 6 + rng.nextInt(16), rng.nextInt(60), rng.nextInt(60))
                    + state.country.utcOffset();
            String osId = rng.chance(world.workerVoice().looseName().osIdGivenSurvey()) ? facility.osId : "";
            String site = state.name(NAME_SURVEY);
            String detail = null;
            switch (defect == null ? "" : defect) {
                case "BAD_DATE" -> {
                    submitted = badDate(rng, DateFmt.ISO_DT);
                    detail = "impossible date " + submitted;
                }
                case "FUTURE_DATE" -> {
                    submitted = future(rng) + "T09:00:00" + state.country.utcOffset();
                    detail = "submitted after the export date";
                }
                case "UNRESOLVED_FACILITY" -> {
                    site = ghostName(rng, facility.country);
                    osId = "";
                    detail = "site '" + site + "' matches no facility";
                }
                case "SCRIPT_TEXT" -> {
                    if (osId.isEmpty()) osId = facility.osId;
                    site = site + SCRIPT;
                    state.extraName(site);
                    detail = "script tag in site_name (resolvable by OS ID)";
                }
                default -> {}
            }
            sb.setLength(0);
            sb.append("{\"response_id\":\"")
                    .append(state.id("R", 12))
                    .append("\",\"survey_id\":\"")
                    .append(surveyId)
                    .append("\",\"respondent\":\"")
                    .append(worker.key)
                    .append("\",\"submitted\":\"")
                    .append(submitted)
                    .append("\",\"site_os_id\":");
            Csv.appendJson(sb, osId.isEmpty() ? null : osId);
            sb.append(",\"site_name\":");
            Csv.appendJson(sb, site);
            sb.append(",\"site_country\":\"")
                    .append(facility.country)
                    .append("\",\"lang\":\"")
                    .append(worker.language)
                    .append("\",\"nationality\":\"")
                    .append(worker.nationality)
                    .append("\",\"gender\":\"")
                    .append(rng.chance(0.03) ? "" : worker.female ? "F" : "M")
                    .append("\",\"consent\":[");
            boolean firstScope = true;
            if (rng.chance(world.workerVoice().consent().aggregate())) {
                sb.append("\"aggregate_reporting\"");
                firstScope = false;
            }
            if (rng.chance(world.workerVoice().consent().caseSharing())) {
                sb.append(firstScope ? "" : ",").append("\"case_sharing\"");
                firstScope = false;
            }
            if (rng.chance(world.workerVoice().consent().research()))
                sb.append(firstScope ? "" : ",").append("\"research\"");
            sb.append("],\"licence\":\"").append(licence).append("\",\"answers\":{");
            for (String[] s : SurveyInstrument.SCREENING) {
                sb.append('"')
                        .append(s[0])
                        .append("\":\"")
                        .append(s[2 + rng.nextInt(s.length - 2)])
                        .append("\",");
            }
            for (int k2 = 0; k2 < themeCount; k2++) {
                int t = questionTheme[k2];
                SurveyInstrument.Question qu = questionByTheme[t];
                sb.append('"')
                        .append(qu.id())
                        .append("\":\"")
                        .append(SurveyInstrument.answer(rng, qu.kind(), rng.chance(disclosure[t])))
                        .append('"');
                if (k2 < themeCount - 1) sb.append(',');
            }
            if ("UNKNOWN_CODE".equals(defect)) {
                sb.append(",\"Q99\":\"yes\"");
                detail = "answer to question Q99, not in the catalogue";
            }
            sb.append("}}");
            String line = sb.toString();
            if ("TRUNCATED_JSON".equals(defect)) {
                line = line.substring(0, line.length() / 2 + rng.nextInt(line.length() / 3));
                detail = "JSON line cut off";
            }
            Row row = Row.json(line);
            if (defect != null && !defect.equals("DUPLICATE")) row.defect(defect, !KEEP.contains(defect), detail);
            state.out.emits.add(new Out.Emit(Streams.SURVEY, fileLabel[q], row));
            if ("DUPLICATE".equals(defect)) {
                state.out.emits.add(new Out.Emit(
                        Streams.SURVEY,
                        fileLabel[q],
                        Row.json(line).defect("DUPLICATE", true, "exact copy of the previous line")));
            }
        }
    }

    private static int coprimeStep(Rng rng, int n) {
        if (n <= 2) return 1;
        for (; ; ) {
            int s = 1 + rng.nextInt(n - 1);
            if (gcd(s, n) == 1) return s;
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    // ---------------------------------------------------------------- audits

    private List<LocalDate> auditSchedule(Rng rng) {
        List<LocalDate> out = new ArrayList<>();
        int lo = world.audits().intervalMonths().get(0) * 30,
                hi = world.audits().intervalMonths().get(1) * 30;
        LocalDate d = qStart[0].plusDays(rng.nextInt(hi));
        while (d.isBefore(qStart[quarterCount]) && d.isBefore(export)) {
            out.add(d);
            d = d.plusDays(rng.between(lo, hi));
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

    private void audit(Ctx state, int q, LocalDate date, double[] prevalence) {
        Rng rng = state.rng;
        Facility facility = state.facility;
        String scheme = facility.scheme;
        World.Audits auditParams = world.audits();
        boolean first = state.auditSeq == 0;
        state.auditSeq++;
        boolean announced = rng.chance(auditParams.announcedShare());
        String prefix =
                switch (scheme) {
                    case "rba_vap" -> "RBA";
                    case "smeta" -> "SM";
                    case "amfori_bsci" -> "BSCI";
                    default -> "SA";
                };
        String auditor;
        boolean repeat = state.lastAuditor != null && rng.chance(auditParams.repeatAuditorShare());
        if (repeat) {
            auditor = state.lastAuditor;
        } else {
            do {
                auditor = prefix + "-" + facility.country + "-"
                        + String.format(Locale.ROOT, "%02d", 1 + rng.nextInt(auditParams.auditorsPerSchemeCountry()));
            } while (auditor.equals(state.lastAuditor) && auditParams.auditorsPerSchemeCountry() > 1);
        }
        state.lastAuditor = auditor;
        double mult = (announced ? 1 : auditParams.unannouncedMultiplier())
                * (repeat ? auditParams.repeatAuditorMultiplier() : 1);
        String auditId =
                switch (scheme) {
                    case "rba_vap" -> "VAP-" + date.getYear() + "-" + Ids.digits(rng.nextLong(), 7);
                    case "smeta" -> "ZAA" + Ids.digits(rng.nextLong(), 9);
                    case "amfori_bsci" -> "BSCI-" + Ids.digits(rng.nextLong(), 8);
                    default -> "SA-" + Ids.b32(rng.nextLong(), 9);
                };
        Taxonomy.CodeList list = tax.list(scheme);
        String label = Integer.toString(date.getYear());
        Streams.Def fdef = Streams.FINDINGS.get(scheme);
        int nCrit = 0, nMaj = 0, nMin = 0, seq = 0;
        List<Row> findings = new ArrayList<>();
        for (int t = 0; t < themeCount; t++) {
            String theme = tax.themeIds.get(t);
            if (list.codesFor(theme).isEmpty()) continue;
            double h = Math.min(1, prevalence[t] / threshold[t]);
            double prob = Math.min(0.98, sensitivity(scheme, t) * mult * h + auditParams.falsePositiveRate() * (1 - h));
            if (!rng.chance(prob)) continue;
            String level;
            boolean hasCritical = list.word("critical") != null;
            if (hasCritical && ilo[t] && prevalence[t] >= 2 * threshold[t] && rng.chance(auditParams.criticalShare()))
                level = "critical";
            else if (prevalence[t] >= threshold[t]) level = rng.chance(0.7) ? "major" : "minor";
            else level = rng.chance(0.7) ? "minor" : "major";
            if (level.equals("critical")) nCrit++;
            else if (level.equals("major")) nMaj++;
            else nMin++;
            String word = list.word(level);
            String code = rng.pick(list.codesFor(theme)).code();
            seq++;
            String findingId = findingId(scheme, seq);
            String text = Texts.findingText(theme, prevalence[t]);
            String defect = state.defect(FINDING_DEFECTS);
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
                    state,
                    "audit_finding",
                    scheme + ":" + auditId + ":" + findingId,
                    t,
                    code,
                    scheme,
                    word,
                    date,
                    q,
                    Math.max(1, (int) Math.round(prevalence[t] * facility.headcount * rng.uniform(0.2, 1.0))),
                    rng.chance(world.remediation().effectiveShare()),
                    false);
        }
        if (scheme.equals("smeta") && rng.chance(0.3)) {
            int t = rng.nextInt(themeCount);
            if (prevalence[t] < threshold[t] / 2) {
                seq++;
                findings.add(Row.csv(
                        auditId,
                        findingId(scheme, seq),
                        rng.pick(list.codesFor(tax.themeIds.get(t))).code(),
                        list.word("positive"),
                        "Good practice observed: " + tax.themeNames.get(t).toLowerCase(Locale.ROOT)
                                + " well managed."));
            }
        }
        // Header row.
        String name = state.name(NAME_AUDIT);
        String osId = rng.chance(0.75) ? facility.osId : "";
        DateFmt df = scheme.equals("smeta") ? DateFmt.DMY : scheme.equals("amfori_bsci") ? DateFmt.DMONY : DateFmt.ISO;
        String dateText = fmt(date, df);
        int interviewed = (int) Math.min(
                facility.headcount, Math.round((6 + 1.2 * Math.sqrt(facility.headcount)) * rng.uniform(0.8, 1.2)));
        int hc = (int) Math.round(facility.headcount * rng.uniform(0.9, 1.1));
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
                    default -> announced ? (rng.chance(0.3) ? "Semi-announced" : "Announced") : "Unannounced";
                };
        String firm = rng.pick(FIRMS.get(scheme));
        String rating =
                switch (scheme) {
                    case "rba_vap" -> Integer.toString(
                            Math.max(0, 200 - 20 * nCrit - 4 * nMaj - nMin - rng.nextInt(8)));
                    case "amfori_bsci" -> {
                        int score = Math.max(0, 100 - 15 * nCrit - 6 * nMaj - 2 * nMin);
                        yield score >= 86 ? "A" : score >= 71 ? "B" : score >= 51 ? "C" : score >= 30 ? "D" : "E";
                    }
                    case "sa8000" -> nMaj == 0
                            ? "Certified"
                            : nMaj <= 2 ? "Certified - corrective actions pending" : "Suspended";
                    default -> null;
                };
        String defect = state.defect(AUDIT_DEFECTS);
        String detail = null;
        switch (defect == null ? "" : defect) {
            case "BAD_DATE" -> {
                dateText = badDate(rng, df);
                detail = "impossible date " + dateText;
            }
            case "FUTURE_DATE" -> {
                dateText = fmt(future(rng), df);
                detail = "audit date after the export date";
            }
            case "NEGATIVE_COUNT" -> {
                interviewed = -interviewed;
                detail = "workers interviewed " + interviewed;
            }
            case "UNRESOLVED_FACILITY" -> {
                name = ghostName(rng, facility.country);
                osId = "";
                detail = "site '" + name + "' matches no facility";
            }
            case "FORMULA_TEXT" -> {
                osId = facility.osId;
                name = FORMULA + " " + name;
                state.extraName(name);
                detail = "formula text in facility name (resolvable by OS ID)";
            }
            default -> {}
        }
        List<String> fields = new ArrayList<>(List.of(
                auditId,
                name,
                osId,
                facility.country,
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
        state.out.emits.add(new Out.Emit(adef, label, header));
        if ("DUPLICATE".equals(defect))
            state.out.emits.add(new Out.Emit(
                    adef, label, header.copy().defect("DUPLICATE", true, "exact copy of the previous record")));
        for (Row fr : findings) state.out.emits.add(new Out.Emit(fdef, label, fr));
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
            Ctx state,
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
        Rng rng = state.rng;
        Facility facility = state.facility;
        World.Remediation remediation = world.remediation();
        String capId = "CAP-" + Ids.b32(rng.nextLong(), 10);
        LocalDate opened = sourceDate.plusDays(rng.nextInt(11));
        int due = remediation.dueDays(taxonomy, severityWord);
        LocalDate dueAt = opened.plusDays(due);
        LocalDate closed = rng.chance(remediation.onTimeShare())
                ? opened.plusDays(1 + rng.nextInt(Math.max(1, due)))
                : dueAt.plusDays(rng.between(
                        remediation.lateDays().get(0), remediation.lateDays().get(1)));
        if (closed.isAfter(export)) closed = null;
        LocalDate verified = null;
        String method = "";
        if (closed != null) {
            if (workerConfirmed) method = "worker_confirmation";
            else if (sourceType.equals("audit_finding")) method = rng.chance(0.4) ? "re_audit" : "document";
            else method = rng.chance(0.7) ? "document" : "worker_confirmation";
            verified = closed.plusDays(rng.nextInt(45));
            if (verified.isAfter(export) || rng.chance(0.25)) verified = null;
        }
        String status =
                verified != null ? "Verified" : closed != null ? "Closed" : dueAt.isBefore(export) ? "Overdue" : "Open";
        String theme = tax.themeIds.get(t);
        World.Monetary mon = remediation.monetary().get(theme);
        String remedy;
        Double amount = null;
        String currency = null;
        if (mon != null && rng.chance(mon.share())) {
            remedy = mon.type();
            double usd = workers
                    * rng.uniform(mon.usdPerWorker().get(0), mon.usdPerWorker().get(1));
            double local = usd * state.country.usdRate();
            amount = state.country.usdRate() >= 100
                    ? (double) Math.round(local / 100) * 100
                    : Math.round(local * 100) / 100.0;
            currency = state.country.currency();
        } else {
            remedy = rng.pick(new String[] {"policy_change", "training", "policy_change", "other"});
        }
        // Truth: an effective CAP lowers the cell's prevalence from a later quarter on.
        double red = 0;
        int from = -1;
        if (effective) {
            red = rng.uniform(
                    remediation.reduction().get(0), remediation.reduction().get(1));
            from = q
                    + rng.between(
                            remediation.lagQuarters().get(0),
                            remediation.lagQuarters().get(1));
            for (int k = Math.max(0, from); k < state.reduction[t].length; k++)
                state.reduction[t][k] = Math.max(state.reduction[t][k], red);
        }
        state.out
                .remediation
                .append(capId)
                .append(',')
                .append(effective)
                .append(',')
                .append(facility.id)
                .append(',')
                .append(theme)
                .append(',')
                .append(effective ? Csv.fmt(red, 3) : "")
                .append(',')
                .append(effective && from < quarterCount ? period[from] : "")
                .append('\n');
        Object[] cells = {
            capId,
            sourceType,
            sourceRef,
            facility.id,
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
        String defect = state.defect(CAP_DEFECTS);
        switch (defect == null ? "" : defect) {
            case "BAD_DATE" -> {
                String bad = badDate(rng, rng.chance(0.5) ? DateFmt.DMY : DateFmt.ISO);
                cells[6] = bad;
                row.defect(defect, true, "impossible opened date " + bad);
            }
            case "FUTURE_DATE" -> {
                cells[6] = future(rng);
                row.defect(defect, true, "opened after the export date");
            }
            case "NEGATIVE_COUNT" -> {
                cells[14] = -workers;
                row.defect(defect, true, "workers covered " + (-workers));
            }
            case "UNKNOWN_CODE" -> {
                cells[4] = "ZZ" + (10 + rng.nextInt(89));
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
        state.out.caps.add(row);
        if ("DUPLICATE".equals(defect))
            state.out.caps.add(
                    new CapLog.CapRow(cells.clone()).defect("DUPLICATE", true, "exact copy of the previous row"));
    }

    static long excelSerial(LocalDate d) {
        return ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), d);
    }
}

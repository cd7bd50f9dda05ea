package org.hrdd.generate;

import java.util.List;

/** The survey platform's questionnaire: two screening questions and one question per theme. */
final class SurveyInstrument {
    private SurveyInstrument() {}

    /** kind: YN (adverse = yes), YN_REVERSED (adverse = no), FREQ (adverse = sometimes|often). */
    enum Kind {
        YN,
        YN_REVERSED,
        FREQ
    }

    record Question(String id, String theme, String text, Kind kind) {
        String adverse() {
            return switch (kind) {
                case YN -> "yes";
                case YN_REVERSED -> "no";
                case FREQ -> "sometimes|often";
            };
        }
    }

    static final List<String[]> SCREENING = List.of(
            new String[] {"Q01", "How long have you worked at this site?", "lt_6m", "6_12m", "1_3y", "gt_3y"},
            new String[] {
                "Q02", "Which part of the site do you work in?", "production", "packing", "warehouse", "office", "other"
            });

    static final List<Question> QUESTIONS = List.of(
            new Question("Q03", "recruitment_fees", "Did you pay any fee or cost to get this job?", Kind.YN),
            new Question(
                    "Q04",
                    "deception",
                    "Are your job and pay the same as you were promised before you started?",
                    Kind.YN_REVERSED),
            new Question(
                    "Q05",
                    "retention_of_identity_documents",
                    "Do you have your passport or ID card with you now?",
                    Kind.YN_REVERSED),
            new Question(
                    "Q06",
                    "withholding_of_wages",
                    "In the last 3 months, was your pay late, withheld or cut without reason?",
                    Kind.YN),
            new Question(
                    "Q07",
                    "wages_benefits",
                    "Are you paid at least the legal minimum wage, with the benefits the law requires?",
                    Kind.YN_REVERSED),
            new Question(
                    "Q08",
                    "debt_bondage",
                    "Do you owe money to your employer or agent that you must repay before you can leave?",
                    Kind.YN),
            new Question(
                    "Q09",
                    "excessive_overtime",
                    "How often are you made to work overtime you cannot refuse?",
                    Kind.FREQ),
            new Question("Q10", "working_hours", "Do you get at least one day off every week?", Kind.YN_REVERSED),
            new Question(
                    "Q11",
                    "health_safety",
                    "Do you feel safe doing your work (equipment, training, protection)?",
                    Kind.YN_REVERSED),
            new Question(
                    "Q12",
                    "restriction_of_movement",
                    "Can you leave the workplace or dormitory freely outside working hours?",
                    Kind.YN_REVERSED),
            new Question(
                    "Q13", "isolation", "Can you contact your family and friends whenever you want?", Kind.YN_REVERSED),
            new Question(
                    "Q14",
                    "abuse_of_vulnerability",
                    "Has anyone threatened to report you to the police or immigration?",
                    Kind.YN),
            new Question("Q15", "intimidation_threats", "Have you been threatened or intimidated at work?", Kind.YN),
            new Question(
                    "Q16",
                    "physical_sexual_violence",
                    "Have you or a co-worker experienced physical or sexual violence at work?",
                    Kind.YN),
            new Question(
                    "Q17",
                    "discrimination_harassment",
                    "Have you been harassed or treated unfairly because of who you are?",
                    Kind.YN),
            new Question(
                    "Q18", "accommodation", "Is your accommodation safe, clean and not overcrowded?", Kind.YN_REVERSED),
            new Question(
                    "Q19",
                    "abusive_working_living_conditions",
                    "Are working or living conditions degrading (no water, toilets or rest)?",
                    Kind.YN),
            new Question("Q20", "child_labour", "Are there workers younger than 15 at your workplace?", Kind.YN),
            new Question(
                    "Q21",
                    "freedom_of_association",
                    "Can workers join or form a union or workers' committee without problems?",
                    Kind.YN_REVERSED),
            new Question("Q22", "grievance_retaliation", "Would you be punished if you made a complaint?", Kind.YN),
            new Question(
                    "Q23",
                    "contracts_terms",
                    "Did you receive a written contract in a language you understand?",
                    Kind.YN_REVERSED));

    static String answer(Rng r, Kind kind, boolean adverse) {
        if (!adverse && r.chance(0.04)) return "prefer_not_to_say";
        return switch (kind) {
            case YN -> adverse ? "yes" : "no";
            case YN_REVERSED -> adverse ? "no" : "yes";
            case FREQ -> adverse ? (r.chance(0.6) ? "sometimes" : "often") : "never";
        };
    }
}

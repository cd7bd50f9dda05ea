package org.hrdd.refine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;

/**
 * A survey response's answers checked against the question catalogue, as one UDF over (survey id, question ids,
 * answers in the order of the response) → struct(unknown: question ids not in the catalogue, adverse: the
 * (key, value) answers that are adverse for their question). Hash lookups: the same checks as Spark map literals
 * inside higher-order functions cost a linear scan of the catalogue per answer, interpreted (64 s of CPU for 916,631
 * responses of the 1m tier).
 */
final class SurveyAnswers implements UDF3<String, Seq<String>, Seq<String>, Row>, Serializable {

    private static final long serialVersionUID = 1L;

    static final StructType ENTRY =
            new StructType().add("key", DataTypes.StringType).add("value", DataTypes.StringType);
    static final StructType RESULT = new StructType()
            .add("unknown", DataTypes.createArrayType(DataTypes.StringType))
            .add("adverse", DataTypes.createArrayType(ENTRY));

    /** survey|question of every catalogue question. */
    private final HashSet<String> known = new HashSet<>();
    /** survey|question of every themed question → its adverse answers (lower case; a question without any has ""). */
    private final HashMap<String, Set<String>> adverse = new HashMap<>();
    /** survey|question of every themed question → its theme. */
    private final HashMap<String, String> themes = new HashMap<>();

    SurveyAnswers(List<SurveyRefiner.Question> questions) {
        for (SurveyRefiner.Question q : questions) {
            String k = key(q.surveyId(), q.questionId());
            known.add(k);
            if (q.theme() != null) {
                adverse.putIfAbsent(k, new HashSet<>(q.adverseAnswers().isEmpty() ? List.of("") : q.adverseAnswers()));
                themes.putIfAbsent(k, q.theme());
            }
        }
    }

    private static String key(String survey, String question) {
        return survey + "|" + question;
    }

    /**
     * Null answers give null. A question counts as unknown when the survey id is null too. An answer is adverse when
     * its value, trimmed of spaces and in lower case, is one of its question's adverse answers; a question outside the
     * catalogue or without a theme has none.
     */
    @Override
    public Row call(String survey, Seq<String> questions, Seq<String> values) {
        if (questions == null) {
            return null;
        }
        List<String> unknown = new ArrayList<>();
        List<Row> hits = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            String q = questions.apply(i);
            String v = values.apply(i);
            String k = survey == null || q == null ? null : key(survey, q);
            if (k == null || !known.contains(k)) {
                unknown.add(q);
            }
            Set<String> bad = k == null ? null : adverse.get(k);
            String answer = v == null ? null : spaceTrimmed(v).toLowerCase(Locale.ROOT);
            if (answer != null && (bad == null ? answer.isEmpty() : bad.contains(answer))) {
                hits.add(RowFactory.create(q, v));
            }
        }
        return RowFactory.create(unknown, hits);
    }

    /** Spark's trim: leading and trailing spaces (not other white space). */
    private static String spaceTrimmed(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == ' ') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == ' ') {
            b--;
        }
        return s.substring(a, b);
    }

    /** struct(unknown, adverse) of a response: survey id, and its answers as a map<string,string> column. */
    Column apply(Column survey, Column answers) {
        UserDefinedFunction f = functions.udf(this, RESULT);
        return f.apply(survey, functions.map_keys(answers), functions.map_values(answers));
    }

    /** The theme of a themed question (null otherwise). */
    Column theme(Column survey, Column question) {
        Map<String, String> t = themes;
        UserDefinedFunction f = functions.udf(
                (org.apache.spark.sql.api.java.UDF2<String, String, String>)
                        (s, q) -> s == null || q == null ? null : t.get(key(s, q)),
                DataTypes.StringType);
        return f.apply(survey, question);
    }
}

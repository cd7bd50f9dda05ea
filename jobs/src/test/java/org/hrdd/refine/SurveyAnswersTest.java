package org.hrdd.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Hand-made catalogue: which answers are unknown and which are adverse, as the survey refiner's UDF decides. */
class SurveyAnswersTest {

    static final SurveyAnswers CATALOGUE = new SurveyAnswers(List.of(
            new SurveyRefiner.Question("S1", "Q1", "wages", List.of("no", "rarely")),
            new SurveyRefiner.Question("S1", "Q2", null, List.of("no")), // screening question: no theme
            new SurveyRefiner.Question("S1", "Q3", "hours", List.of()), // themed, no adverse answer listed
            new SurveyRefiner.Question("S1", "Q1", "forced_labour", List.of("yes")))); // duplicate key: the first wins

    static Seq<String> seq(String... s) {
        return JavaConverters.asScalaBufferConverter(Arrays.asList(s)).asScala().toSeq();
    }

    /** The UDF hands Java lists to Spark, which converts them. */
    @SuppressWarnings("unchecked")
    static List<String> unknown(Row r) {
        return (List<String>) r.get(0);
    }

    @SuppressWarnings("unchecked")
    static List<String> adverse(Row r) {
        return ((List<Row>) r.get(1))
                .stream().map(x -> x.getString(0) + "=" + x.getString(1)).toList();
    }

    @Test
    void adverseAnswersAreTrimmedOfSpacesAndCaseInsensitiveInTheResponsesOrder() {
        Row r = CATALOGUE.call("S1", seq("Q3", "Q1", "Q2", "Q9"), seq("", " Rarely ", "no", "no"));
        // Q3 has no adverse answer listed: only an empty answer matches (as split("") gives [""] in Spark)
        assertThat(adverse(r)).containsExactly("Q3=", "Q1= Rarely ");
        assertThat(unknown(r)).containsExactly("Q9");
    }

    @Test
    void aDuplicateQuestionKeepsItsFirstEntryAndATabIsNotASpace() {
        Row r = CATALOGUE.call("S1", seq("Q1", "Q1"), seq("yes", "\tno"));
        assertThat(adverse(r)).isEmpty();
        assertThat(unknown(r)).isEmpty();
    }

    @Test
    void withoutASurveyIdEveryQuestionIsUnknownAndNullAnswersGiveNull() {
        Row r = CATALOGUE.call(null, seq("Q1", "Q2"), seq("no", ""));
        assertThat(unknown(r)).containsExactly("Q1", "Q2");
        assertThat(adverse(r)).containsExactly("Q2=");
        assertThat(CATALOGUE.call("S1", null, null)).isNull();
        Row nullValue = CATALOGUE.call("S1", seq("Q1"), seq((String) null));
        assertThat(adverse(nullValue)).isEmpty();
    }
}

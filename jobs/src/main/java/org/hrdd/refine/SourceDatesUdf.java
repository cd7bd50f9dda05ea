package org.hrdd.refine;

import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@link SourceDates} as a Spark UDF: (raw text, source system) → struct(date, reason, detail, converted,
 * precision), with each source
 * system's declared date formats (conf/sources) and the run date.
 */
public final class SourceDatesUdf implements UDF2<String, String, Row>, Serializable {

    private static final long serialVersionUID = 1L;

    public static final StructType RESULT = new StructType()
            .add("date", DataTypes.DateType)
            .add("reason", DataTypes.StringType)
            .add("detail", DataTypes.StringType)
            .add("converted", DataTypes.StringType)
            .add("precision", DataTypes.StringType);

    private final Map<String, List<String>> formatsBySystem;
    private final LocalDate runDate;
    private transient Map<String, SourceDates> parsers;

    public SourceDatesUdf(Map<String, List<String>> formatsBySystem, LocalDate runDate) {
        this.formatsBySystem = Map.copyOf(formatsBySystem);
        this.runDate = runDate;
    }

    @Override
    public Row call(String raw, String system) {
        if (parsers == null) {
            parsers = new HashMap<>();
        }
        SourceDates p = parsers.computeIfAbsent(
                system == null ? "" : system, s -> new SourceDates(formatsBySystem.getOrDefault(s, List.of())));
        SourceDates.Parsed r = p.parse(raw, runDate);
        return RowFactory.create(
                r.date() == null ? null : Date.valueOf(r.date()),
                r.reason(),
                r.detail(),
                r.converted(),
                r.precision() == null ? null : r.precision().code());
    }

    /** Whether a source system's raw date text is after this parser's run date ({@link SourceDates#FUTURE_DATE}). */
    public boolean isFuture(String raw, String system) {
        return SourceDates.FUTURE_DATE.equals(call(raw, system).getString(1));
    }

    /** The same parser for dates that may lie after the run date (a planned end of a relationship, a due date). */
    public SourceDatesUdf allowingFutureDates() {
        return new SourceDatesUdf(formatsBySystem, LocalDate.MAX);
    }

    public UserDefinedFunction udf() {
        return functions.udf(this, RESULT);
    }

    /** Applies the UDF: a struct column with fields date, reason, detail. */
    public Column parse(Column raw, Column system) {
        return udf().apply(raw, system);
    }
}

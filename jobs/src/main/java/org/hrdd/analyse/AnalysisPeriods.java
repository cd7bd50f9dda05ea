package org.hrdd.analyse;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.time.Periods;

/**
 * The consecutive periods an analysis covers, oldest first, ending with the requested one; small tables of them for
 * Spark joins (nothing here depends on the wall clock).
 */
public record AnalysisPeriods(List<Periods.Period> periods) {

    public static final String PERIOD = "period";
    public static final String START = "_period_start";
    public static final String END = "_period_end";
    public static final String MEMBER = "_member_period";
    public static final String OFFSET = "_offset";
    public static final String INDEX = "_period_index";

    public AnalysisPeriods {
        periods = List.copyOf(periods);
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("no period to analyse");
        }
    }

    /** From {@code first} to {@code last} inclusive. */
    public static AnalysisPeriods between(Periods.Period first, Periods.Period last) {
        List<Periods.Period> all = new ArrayList<>();
        for (Periods.Period p = first; !p.start().isAfter(last.start()); p = p.next()) {
            all.add(p);
        }
        if (all.isEmpty()) {
            all.add(last);
        }
        return new AnalysisPeriods(all);
    }

    public Periods.Period last() {
        return periods.get(periods.size() - 1);
    }

    public List<String> labels() {
        return periods.stream().map(Periods.Period::label).toList();
    }

    /** One row per period: label, first day, last day. */
    public Dataset<Row> table(SparkSession spark) {
        StructType schema = new StructType()
                .add(PERIOD, DataTypes.StringType)
                .add(START, DataTypes.DateType)
                .add(END, DataTypes.DateType);
        List<Row> rows = periods.stream()
                .map(p -> RowFactory.create(p.label(), Date.valueOf(p.start()), Date.valueOf(p.end())))
                .toList();
        return spark.createDataFrame(rows, schema);
    }

    /**
     * One row per analysed period and each period of its trailing window of {@code length} periods (the period itself
     * has offset 0, the one before 1, …), including periods before the first analysed one.
     */
    public Dataset<Row> windows(SparkSession spark, int length) {
        StructType schema = new StructType()
                .add(PERIOD, DataTypes.StringType)
                .add(MEMBER, DataTypes.StringType)
                .add(OFFSET, DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        for (Periods.Period p : periods) {
            Periods.Period m = p;
            for (int i = 0; i < length; i++) {
                rows.add(RowFactory.create(p.label(), m.label(), i));
                m = m.previous();
            }
        }
        return spark.createDataFrame(rows, schema);
    }

    /** One row per analysed period and every analysed period up to it (offset 0 = itself). */
    public Dataset<Row> histories(SparkSession spark) {
        StructType schema = new StructType()
                .add(PERIOD, DataTypes.StringType)
                .add(MEMBER, DataTypes.StringType)
                .add(OFFSET, DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            for (int j = 0; j <= i; j++) {
                rows.add(
                        RowFactory.create(periods.get(i).label(), periods.get(j).label(), i - j));
            }
        }
        return spark.createDataFrame(rows, schema);
    }

    /**
     * Labels of positions from 0 to {@code after} positions past the last analysed period: a window that reaches past
     * the analysed periods is labelled by the calendar, not by what else this run happened to analyse.
     */
    public Dataset<Row> labels(SparkSession spark, int after) {
        StructType schema = new StructType().add(PERIOD, DataTypes.StringType).add(INDEX, DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        Periods.Period p = periods.get(0);
        for (int i = 0; i < periods.size() + after; i++, p = p.next()) {
            rows.add(RowFactory.create(p.label(), i));
        }
        return spark.createDataFrame(rows, schema);
    }

    /** A table of {@link #indexes} or {@link #labels} with its two columns renamed, to join on another column. */
    public static Dataset<Row> renamed(Dataset<Row> indexes, String periodAs, String indexAs) {
        return indexes.withColumnRenamed(PERIOD, periodAs).withColumnRenamed(INDEX, indexAs);
    }

    /** One row per analysed period: label and its position (0 = first analysed period). */
    public Dataset<Row> indexes(SparkSession spark) {
        StructType schema = new StructType().add(PERIOD, DataTypes.StringType).add(INDEX, DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            rows.add(RowFactory.create(periods.get(i).label(), i));
        }
        return spark.createDataFrame(rows, schema);
    }
}

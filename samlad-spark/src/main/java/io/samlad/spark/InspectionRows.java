package io.samlad.spark;

import io.samlad.detector.DetectedObject;
import io.samlad.detector.Prediction;
import io.samlad.detector.Verdict;
import io.samlad.output.PredictionRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows {@link SamladSpark#inspect} returns: the columns of {@code predictions.csv} (its {@code objects} count is
 * {@code object_count} here), the objects themselves, the references, and {@code error}. A row with {@code error}
 * set has nulls in every score column. {@code modification_time} is the file's, when the input rows have it (as
 * {@code binaryFile}'s {@code modificationTime}).
 */
public final class InspectionRows {
    private InspectionRows() {
    }

    /** One object of a prediction; {@code bbox} is [minX, minY, maxX, maxY] in pixels, inclusive. */
    public static final StructType OBJECT = new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.IntegerType, false),
        DataTypes.createStructField("verdict", DataTypes.StringType, false),
        DataTypes.createStructField("score", DataTypes.DoubleType, false),
        DataTypes.createStructField("bbox", DataTypes.createArrayType(DataTypes.IntegerType, false), false),
        DataTypes.createStructField("area", DataTypes.DoubleType, false),
        DataTypes.createStructField("matched_reference", DataTypes.IntegerType, false),
        DataTypes.createStructField("matched_reference_name", DataTypes.StringType, true),
        DataTypes.createStructField("matched_object", DataTypes.IntegerType, false),
    });

    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("path", DataTypes.StringType, false),
        DataTypes.createStructField("modification_time", DataTypes.TimestampType, true),
        DataTypes.createStructField("score", DataTypes.DoubleType, true),
        DataTypes.createStructField("logical_score", DataTypes.DoubleType, true),
        DataTypes.createStructField("structural_score", DataTypes.DoubleType, true),
        DataTypes.createStructField("label", DataTypes.StringType, true),
        DataTypes.createStructField("threshold", DataTypes.DoubleType, false),
        DataTypes.createStructField("object_count", DataTypes.IntegerType, true),
        DataTypes.createStructField("missing", DataTypes.IntegerType, true),
        DataTypes.createStructField("extra", DataTypes.IntegerType, true),
        DataTypes.createStructField("mismatched", DataTypes.IntegerType, true),
        DataTypes.createStructField("structural", DataTypes.IntegerType, true),
        DataTypes.createStructField("time_ms", DataTypes.DoubleType, true),
        DataTypes.createStructField("objects", DataTypes.createArrayType(OBJECT, false), true),
        DataTypes.createStructField("references", DataTypes.createArrayType(DataTypes.IntegerType, false), true),
        DataTypes.createStructField("map", DataTypes.StringType, true),
        DataTypes.createStructField("error", DataTypes.StringType, true),
    });

    static Row of(String path, Object modified, Prediction p, double threshold, List<String> bankNames, String mapUri) {
        List<Row> objects = new ArrayList<>(p.objects().size());
        for (DetectedObject o : p.objects()) {
            int ref = o.matchedReference();
            String refName = ref >= 0 && ref < bankNames.size() ? bankNames.get(ref) : null;
            objects.add(RowFactory.create(o.id(), o.verdict().label(), o.score(),
                    seq(List.of(o.minX(), o.minY(), o.maxX(), o.maxY())), o.areaFraction(), ref, refName,
                    o.matchedObject()));
        }
        return RowFactory.create(path, modified, p.score(), p.logicalScore(), p.structuralScore(),
                PredictionRecord.label(p, threshold), threshold, p.objects().size(),
                count(p, Verdict.MISSING), count(p, Verdict.EXTRA), count(p, Verdict.MISMATCHED),
                count(p, Verdict.STRUCTURAL), p.timings().totalMillis(), seq(objects), seq(p.references()), mapUri, null);
    }

    static Row error(String path, Object modified, double threshold, String message) {
        return RowFactory.create(path, modified, null, null, null, null, threshold, null, null, null, null, null, null, null,
                null, null, message);
    }

    /** Spark's Row encoder takes Scala sequences for array columns. */
    private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
    }

    private static int count(Prediction p, Verdict v) {
        return (int) PredictionRecord.count(p, v);
    }
}

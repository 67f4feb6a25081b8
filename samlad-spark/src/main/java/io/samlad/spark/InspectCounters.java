package io.samlad.spark;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Counts an inspection keeps while it runs (Spark accumulators), so that a job can report them without reading its
 * output again. Counts of a task that Spark ran twice (speculation) may be counted twice: a summary, not a result.
 */
final class InspectCounters implements Serializable {
    private static final long serialVersionUID = 1L;
    final LongAccumulator images;
    final LongAccumulator anomalous;
    final LongAccumulator errors;
    final DoubleAccumulator millis;

    InspectCounters(SparkContext sc) {
        images = sc.longAccumulator("samlad images");
        anomalous = sc.longAccumulator("samlad anomalous");
        errors = sc.longAccumulator("samlad errors");
        millis = sc.doubleAccumulator("samlad ms per image");
    }
}

package io.samlad.spark;

import org.apache.spark.sql.SparkSession;

/** Spark sessions for samlad's jobs. */
public final class Sessions {
    private Sessions() {
    }

    /**
     * The session of a job: {@code master} when given; else the one {@code spark-submit} set
     * ({@code spark.master}); else {@code local[*]}, so that a job runs on one machine without a cluster. A local
     * master binds to 127.0.0.1 and runs no web UI.
     */
    public static SparkSession create(String master, String appName) {
        String m = master != null ? master : System.getProperty("spark.master", "local[*]");
        SparkSession.Builder b = SparkSession.builder().appName(appName).master(m);
        if (m.startsWith("local")) {
            b = b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false");
        }
        SparkSession spark = b.getOrCreate();
        balanceFileTasks(spark);
        return spark;
    }

    /**
     * Spark packs small files into tasks of up to {@code spark.sql.files.maxPartitionBytes} (each file counted as
     * {@code openCostInBytes} = 4 MB more than its size: about 30 images a task). A few hundred images then make
     * fewer tasks than a few per core, and the last ones run while other cores idle. At least 8 tasks per core
     * (unless the user set a minimum) keeps small jobs balanced; big jobs keep the default task size.
     */
    public static void balanceFileTasks(SparkSession spark) {
        if (!spark.conf().contains("spark.sql.files.minPartitionNum")) {
            spark.conf().set("spark.sql.files.minPartitionNum",
                    Integer.toString(8 * spark.sparkContext().defaultParallelism()));
        }
    }
}

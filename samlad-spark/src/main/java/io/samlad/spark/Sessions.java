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
        return b.getOrCreate();
    }
}

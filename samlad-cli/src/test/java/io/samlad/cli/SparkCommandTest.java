package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code samlad spark} on the command line's own class path, which has no Spark (it is {@code provided} in
 * samlad-spark): the rest of the command line must not need it, and the Spark commands must say what is missing.
 */
class SparkCommandTest {
    @Test
    void sparkIsNotOnTheCommandLinesClassPath() {
        assertThat(getClass().getClassLoader().getResource("org/apache/spark/sql/SparkSession.class")).isNull();
    }

    @Test
    void helpListsTheSparkCommandsFitTakesTheMethodAndModelOptionsAndInspectTheModelOptions() {
        StringWriter out = new StringWriter();
        int code = SamladCommand.execute(new String[] {"spark", "fit", "--help"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("--train", "--master", "--feature-stride", "--seed", "--backbone",
                "--sam-encoder", "--upsampler");
        out = new StringWriter();
        code = SamladCommand.execute(new String[] {"spark", "inspect", "--help"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("--bank", "--input", "--maps", "--partition-by", "--backbone",
                "--sam-encoder", "--sam-decoder", "--upsampler", "--intra-op-threads");
    }

    @Test
    void withoutSparkAJobSaysHowToGetIt() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(err, true));
        int code;
        try {
            code = SamladCommand.execute(new String[] {"spark", "inspect", "--bank", "b.samlad", "--input", "in",
                "--out", "out.parquet"}, new PrintWriter(new StringWriter(), true), new PrintWriter(System.err, true));
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("Apache Spark is not on the class path").contains("spark.classpath");
    }
}

package io.samlad.spark;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code samlad spark benchmark}: steady-state throughput of {@link SamladSpark#inspect} on a Spark master against
 * the plain predictor on as many threads as the master has cores, in one JVM, interleaved round by round (so that
 * other load on a shared machine slows both alike), after a warm-up of each. Also reports the cold costs: session
 * start and the first job. Options only; {@link BenchmarkRun} does the work.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Throughput of Spark inspection against the plain predictor (interleaved, warm).")
public class BenchmarkJob implements Callable<Integer> {
    @Option(names = "--bank", required = true, paramLabel = "URI", description = "bank file")
    String bank;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "folder of images (recursive)")
    String input;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "timed rounds of each (default 3)")
    int rounds;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]",
            description = "Spark master (default local[2]); the plain predictor gets as many threads as it has cores")
    String master;

    @Override
    public Integer call() throws Exception {
        if (!JobCommands.sparkPresent()) {
            return 1;
        }
        return BenchmarkRun.run(this);
    }

    public static void main(String[] args) {
        System.exit(JobCommands.execute(new BenchmarkJob(), args));
    }
}

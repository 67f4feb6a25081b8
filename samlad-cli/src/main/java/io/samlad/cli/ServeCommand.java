package io.samlad.cli;

import io.samlad.server.InspectionServer;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code samlad serve}: the inspection service. Runs until SIGTERM or SIGINT, then stops gracefully (refuses new
 * work, finishes what is in flight, flushes the log) and exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve banks over HTTP: POST /v1/inspect/{bank}, the inspection log, a web page, metrics.",
            "API and guarantees: docs/server.md (OpenAPI at /v1/openapi.json)."})
public class ServeCommand implements Callable<Integer> {
    @Option(names = "--bank", required = true, paramLabel = "[NAME=]BANK.samlad",
            description = "a bank to serve (repeatable); NAME defaults to the file name without .samlad")
    List<String> banks;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0: any free)")
    int port;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "require Authorization: Bearer TOKEN on routes that change state or return images "
                    + "(default: env SAMLAD_TOKEN)")
    String token;

    @Mixin
    ServeOptions serve;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() throws Exception {
        List<InspectionServer.BankSpec> specs = banks.stream().map(ServeOptions::bankSpec).toList();
        String t = token != null ? token : System.getenv("SAMLAD_TOKEN");
        CountDownLatch stop = new CountDownLatch(1);
        boolean signals = Signals.onTermination(stop::countDown);
        InspectionServer server;
        var settings = serve.settings(host, port, t, specs);
        try {
            server = InspectionServer.start(settings, specs, models::createPipeline);
        } catch (java.sql.SQLException e) {
            throw new java.io.IOException("inspection log " + settings.logUrl() + ": " + e.getMessage(), e);
        }
        System.out.println("samlad serve: http://" + host + ":" + server.port() + "/  banks " + server.banks().names()
                + (t == null ? "" : "  (token required)"));
        System.out.flush();
        if (!signals) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "samlad-shutdown"));
        }
        stop.await();
        boolean clean = server.stop();
        System.out.println("samlad serve: stopped" + (clean ? "" : " (in-flight work cut short)"));
        return 0;
    }
}

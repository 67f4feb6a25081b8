package io.samlad.spark;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.samlad.config.SamladConfig;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The method settings as JSON (the form a bank's header stores them in), to ship them to executors or read them. */
final class ConfigJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConfigJson() {
    }

    static String write(SamladConfig config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SamladConfig read(String json) {
        try {
            return JSON.readValue(json, SamladConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a samlad configuration: " + ImageBytes.oneLine(e), e);
        }
    }
}

package io.samlad.spark;

import java.io.Serializable;

/**
 * An image file as Spark lists it.
 *
 * @param uri    its path as {@code binaryFile} gives it (e.g. {@code file:/data/x.png}, {@code hdfs://nn/x.png})
 * @param length size in bytes
 */
public record ImageRef(String uri, long length) implements Serializable {
    /** The file name, as a bank records it. */
    public String fileName() {
        return uri.substring(uri.lastIndexOf('/') + 1);
    }
}

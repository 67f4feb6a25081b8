package io.samlad.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads and writes files by URI through Hadoop's file systems (local paths, {@code file:}, {@code hdfs:},
 * {@code s3a:}, ...), with the driver's Hadoop settings carried to the executors (Hadoop's Configuration itself is
 * not serialisable).
 */
final class HadoopFiles implements Serializable {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, String> settings;
    private transient Configuration conf;

    HadoopFiles(Configuration driverConf) {
        settings = new HashMap<>();
        for (Map.Entry<String, String> e : driverConf) {
            settings.put(e.getKey(), e.getValue());
        }
    }

    private Configuration conf() {
        if (conf == null) {
            Configuration c = new Configuration(false);
            settings.forEach(c::set);
            conf = c;
        }
        return conf;
    }

    byte[] readAll(String uri) throws IOException {
        Path p = new Path(uri);
        try (InputStream in = p.getFileSystem(conf()).open(p)) {
            return in.readAllBytes();
        }
    }

    /** Writes a whole file: to a temporary name beside it, then renamed, so no reader sees half a file. */
    void writeAll(String uri, byte[] bytes) throws IOException {
        Path target = new Path(uri);
        FileSystem fs = target.getFileSystem(conf());
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + java.util.UUID.randomUUID());
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(bytes);
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }
}

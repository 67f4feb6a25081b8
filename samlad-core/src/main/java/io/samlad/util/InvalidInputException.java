package io.samlad.util;

import java.nio.file.Path;

/**
 * A user's input (an image, a folder, a bank file, a model) that cannot be used. The message is one line that names
 * the offending file and says what is wrong with it, so that a command line can print it as it is.
 */
public class InvalidInputException extends RuntimeException {
    private final transient Path path;

    public InvalidInputException(Path path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    public InvalidInputException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    /** An input that is not a file (an upload, a stream), called {@code name} in the message. */
    public InvalidInputException(String name, String problem) {
        this(name, problem, null);
    }

    public InvalidInputException(String name, String problem, Throwable cause) {
        super(name + ": " + problem, cause);
        this.path = null;
    }

    /** The file or folder the problem is about; null for an input that is not a file. */
    public Path path() {
        return path;
    }
}

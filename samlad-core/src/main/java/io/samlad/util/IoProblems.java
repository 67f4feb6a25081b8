package io.samlad.util;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says what went wrong with a file operation in a few words, the same way everywhere: Java's own messages are often
 * only the path again ("/a/b.png"), which tells a user nothing once the path is already at the start of the line.
 */
public final class IoProblems {
    private IoProblems() {
    }

    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return oneLine(f.getReason());
        }
        String m = e.getMessage();
        if (m != null && m.contains("Permission denied")) {
            return "permission denied";
        }
        return m == null ? e.getClass().getSimpleName() : oneLine(m);
    }

    public static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}

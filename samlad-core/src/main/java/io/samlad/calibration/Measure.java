package io.samlad.calibration;

/** The image-level measures AMM computes; each is calibrated on normal images separately. */
public enum Measure {
    /** Nearest-reference patch distance (position-aware, over the k retrieved references). Structural. */
    PATCH(false),
    /**
     * Forward patch distance to the nearest of many normal images (the {@code bankReferences} nearest by global
     * descriptor): a local defect is a patch no normal image explains, and more images cover more normal variation
     * than the k references do. Structural.
     */
    PATCH_BANK(false),
    /** Mahalanobis distance of a matched object's cells to its counterparts' Gaussian. Structural. */
    GAUSSIAN(false),
    /** Extra or mismatched object: its matching cost, damped for tiny objects. Logical. */
    OBJECT(true),
    /** Reference object without counterpart in the query. Logical. */
    MISSING(true),
    /** Distance of the global descriptor to the nearest normal image: a wrong overall composition. Logical. */
    GLOBAL(true),
    /**
     * An object that is not what belongs at its place: its appearance (shape independent of position and size) far
     * from that of the objects at the same place in many normal images; damped for tiny objects. Logical.
     */
    IDENTITY(true),
    /**
     * An object of another size than its counterparts in the references (a connector of the other size, a pin too
     * small, too large or bitten): the median over the references of |log(area ratio)|; damped for tiny objects.
     * Logical.
     */
    ATTRIBUTE(true),
    /**
     * The query's objects, all together, against one normal image at a time: per image the largest distance (size
     * and mean feature) of a query object to the objects at its place there; the mean of the few smallest over the
     * nearest normal images. A relational rule broken by objects each normal on its own. Logical.
     */
    COMPOSITION(true),
    /**
     * An object larger or smaller than the objects of its kind in the same image (a pin of the wrong size): its log
     * area on the working image's pixels against its peers' median, in units of their spread. Logical.
     */
    PEER_SIZE(true),
    /**
     * An object whose outline has a deeper notch than the objects of its kind in the same image (a pin with a chip
     * broken off): its radial profile's deepest dip against its peers' median, in units of their spread. Structural.
     */
    PEER_SHAPE(false),
    /**
     * The share of the image in each of the bank's colours against the nearest normal images' shares: a combination
     * of part sizes and colours (a large connector and a blue cable) that no normal image has, whatever the pose
     * and however the parts were segmented. Logical.
     */
    COLOURS(true),
    /**
     * An object nearer to its nearest peer than the objects of its kind in the same image are to theirs (two pins in
     * one cell of a grid, a pin pushed towards its neighbour's): its log nearest-peer distance below its peers' median,
     * in units of their spread. Logical.
     */
    PEER_SPACING(true),
    /**
     * The bank's colours read as connected pieces: a colour that normal images hold in an agreed number of pieces
     * split into more (a cut cable), or two pieces of one size that differ (a connector with a piece broken off).
     * Pose-free. Structural.
     */
    PIECES(false),
    /**
     * Inside an object that keeps its place in every normal image (a label), what lies where in the object's own box
     * (its fruit icon moved or gone): the box's grid of cell colours against the same place's nearest normal layouts,
     * in units of each cell's normal spread. Only at places whose normal images agree on the inner layout. Logical.
     */
    LAYOUT(true),
    /**
     * The judged LAYOUT places all together against one normal image at a time: each place's distance to that image's
     * layout there, relative to its distance to the place's nearest normal layouts, the largest over places; the mean
     * of the few smallest over the normal images. A label whose icon demands another juice than the bottle holds:
     * each place alone has normal layouts, no normal image has both. Logical.
     */
    LAYOUT_JOINT(true);

    private final boolean logical;

    Measure(boolean logical) {
        this.logical = logical;
    }

    public boolean logical() {
        return logical;
    }
}

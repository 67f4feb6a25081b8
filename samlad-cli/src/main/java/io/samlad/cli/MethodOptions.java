package io.samlad.cli;

import io.samlad.config.DetectorKind;
import io.samlad.config.SamladConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options of the method itself (picocli mixin for fit and evaluate). Each option starts at the value of
 * {@link SamladConfig#defaults()}, which is also what the help shows ({@code ${DEFAULT-VALUE}} is the field's initial
 * value): a default lives in {@code SamladConfig} only.
 */
public class MethodOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private static final SamladConfig DEFAULTS = SamladConfig.defaults();

    @Option(names = "--detector", paramLabel = "NAME",
            description = "samlad or patch-knn (the baseline: patch nearest neighbour, no objects); default ${DEFAULT-VALUE}")
    String detector = DEFAULTS.kind().label();

    @Option(names = {"-k", "--references"}, paramLabel = "K",
            description = "nearest normal images compared with each query (default ${DEFAULT-VALUE})")
    int references = DEFAULTS.references();

    @Option(names = "--retrieval-candidates", paramLabel = "N",
            description = "choose the k references among N global-descriptor neighbours by object matching (0: off; default ${DEFAULT-VALUE})")
    int retrievalCandidates = DEFAULTS.retrievalCandidates();

    @Option(names = "--working-size", paramLabel = "PIXELS",
            description = "shorter image side the method works at (default ${DEFAULT-VALUE})")
    int workingSize = DEFAULTS.workingShortSide();

    @Option(names = "--feature-stride", paramLabel = "PIXELS",
            description = "embedded features: patch grid stride (default ${DEFAULT-VALUE})")
    int featureStride = DEFAULTS.featureStride();

    @Option(names = "--object-stride", paramLabel = "PIXELS",
            description = "object grid cell size (default ${DEFAULT-VALUE})")
    int objectStride = DEFAULTS.objectStride();

    @Option(names = "--neighbourhood", paramLabel = "CELLS",
            description = "patch search radius, in patches, where --search-radius-max is 0 or no object could be"
                    + " matched to estimate it (default ${DEFAULT-VALUE})")
    int neighbourhood = DEFAULTS.measuring().neighbourhood();

    @Option(names = "--bank-references", paramLabel = "N",
            description = "nearest normal images the structural patch measure compares with (0: off; default ${DEFAULT-VALUE})")
    int bankReferences = DEFAULTS.measuring().bankReferences();

    @Option(names = "--patch-noise-prior", paramLabel = "IMAGES",
            description = "PATCH's per-position noise model is shrunk towards its median over positions as if this"
                    + " many more normal images had shown it (default ${DEFAULT-VALUE})")
    double patchNoisePrior = DEFAULTS.measuring().patchNoisePrior();

    @Option(names = "--bank-noise-prior", paramLabel = "IMAGES",
            description = "the same for PATCH_BANK's per-position noise model (default ${DEFAULT-VALUE})")
    double bankNoisePrior = DEFAULTS.measuring().bankNoisePrior();

    @Option(names = "--recognised-patch-weight", paramLabel = "W",
            description = "where places have a reliable identity, PATCH and PATCH_BANK around an object its place's"
                    + " normal examples recognise count this much (1: off; default ${DEFAULT-VALUE})")
    double recognisedPatchWeight = DEFAULTS.measuring().recognisedPatchWeight();

    @Option(names = "--missing-area-median", paramLabel = "BOOL", arity = "1",
            description = "a missing object is confirmed by references whose unmatched objects there agree in size"
                    + " with their median (false: with the nearest reference's own; default ${DEFAULT-VALUE})")
    boolean missingAreaMedian = DEFAULTS.measuring().missingAreaMedian();

    @Option(names = "--threshold-quantile", paramLabel = "Q",
            description = "threshold = this plain quantile of normal scores, no guarantee (0: off, the threshold keeps"
                    + " to --target-fpr; default ${DEFAULT-VALUE})")
    double thresholdQuantile = DEFAULTS.measuring().thresholdQuantile();

    @Option(names = "--target-fpr", paramLabel = "RATE",
            description = "false-positive rate on normal images that the threshold keeps to (default ${DEFAULT-VALUE})")
    double targetFpr = DEFAULTS.thresholding().targetFalsePositiveRate();

    @Option(names = "--threshold-confidence", paramLabel = "C",
            description = "confidence of that guarantee, given the number of normal scores (default ${DEFAULT-VALUE})")
    double thresholdConfidence = DEFAULTS.thresholding().confidence();

    @Option(names = "--calibration-folds", paramLabel = "K",
            description = "the threshold is set on scores cross-fitted over K folds of the calibration images"
                    + " (1: in-sample; default ${DEFAULT-VALUE})")
    int calibrationFolds = DEFAULTS.thresholding().calibrationFolds();

    @Option(names = "--threshold-images", paramLabel = "N",
            description = "normal images whose out-of-sample scores the threshold is set on, the statistics' images"
                    + " and held-out images included, further training images scored leave-one-out up to N"
                    + " (default ${DEFAULT-VALUE})")
    int thresholdImages = DEFAULTS.thresholding().images();

    @Option(names = "--object-area-scale", paramLabel = "SHARE",
            description = "objects smaller than this share of the image have their logical scores (OBJECT, MISSING,"
                    + " IDENTITY) damped by sqrt(area / SHARE) (default ${DEFAULT-VALUE})")
    double objectAreaScale = DEFAULTS.measuring().objectAreaScale();

    @Option(names = "--threshold-further-images", paramLabel = "N",
            description = "training images beyond --threshold-images, up to N, scored leave-one-out with the final"
                    + " statistics and fusion, whose out-of-sample scores join the image threshold's normal scores"
                    + " only (a tighter guarantee, no score changes; 0: none; default ${DEFAULT-VALUE})")
    int thresholdFurtherImages = DEFAULTS.thresholding().furtherImages();

    @Option(names = "--identity-images", paramLabel = "N",
            description = "normal images whose objects at the same place each object's appearance is compared with"
                    + " (0: the IDENTITY measure is off; default ${DEFAULT-VALUE})")
    int identityImages = DEFAULTS.identity().images();

    @Option(names = "--identity-descriptor", paramLabel = "KIND",
            description = "object appearance descriptor of the IDENTITY measure: NORMALISED (centred, scaled and"
                    + " deskewed by the object's moments) or BOX (its bounding square as it is); default ${DEFAULT-VALUE}")
    SamladConfig.Identity.Descriptor identityDescriptor = DEFAULTS.identity().descriptor();

    @Option(names = "--identity-consistency", paramLabel = "SHARE",
            description = "IDENTITY judges an object only where this share of the normal examples at its place"
                    + " recognise their place, leave-one-out (0: everywhere; default ${DEFAULT-VALUE})")
    double identityConsistency = DEFAULTS.identity().minConsistency();

    @Option(names = "--identity-other-place", paramLabel = "W",
            description = "IDENTITY adds W times how much nearer an object is to the normal examples elsewhere than to"
                    + " those at its place (a swapped part; 0: off; default ${DEFAULT-VALUE})")
    double identityOtherPlace = DEFAULTS.identity().otherPlaceWeight();

    @Option(names = "--identity-mirror", paramLabel = "W",
            description = "IDENTITY adds W times how much nearer an object's mirror image is to the normal examples at"
                    + " its place than the object itself (a part turned over; 0: off; default ${DEFAULT-VALUE})")
    double identityMirror = DEFAULTS.identity().mirrorWeight();

    @Option(names = "--identity-rarity-verdicts", paramLabel = "BOOL", arity = "1",
            description = "an object's IDENTITY is judged (verdict, map) by its rarity among normal images rather than"
                    + " by its z (default ${DEFAULT-VALUE})")
    boolean identityRarityVerdicts = DEFAULTS.identity().rarityVerdicts();

    @Option(names = "--identity-rarity-score", paramLabel = "SHARE",
            description = "IDENTITY's surprisal among normal images competes with the largest z's in the image score"
                    + " in banks whose objects recognise their place at least this often (place consistency; 0: never;"
                    + " needs the tail-probability fusion; default ${DEFAULT-VALUE})")
    double identityRarityScore = DEFAULTS.identity().rarityScore();

    @Option(names = "--identity-own-place", paramLabel = "W",
            description = "IDENTITY adds W times the share of an object's nearest normal objects (by appearance, from"
                    + " every place) that stand elsewhere: a nearest-neighbour classification of places (0: off;"
                    + " default ${DEFAULT-VALUE})")
    double identityOwnPlace = DEFAULTS.identity().ownPlaceWeight();

    @Option(names = "--identity-own-place-neighbours", paramLabel = "K",
            description = "how many nearest normal objects vote on an object's place (default ${DEFAULT-VALUE})")
    int identityOwnPlaceNeighbours = DEFAULTS.identity().ownPlaceNeighbours();

    @Option(names = "--identity-evidence-consistency", paramLabel = "SHARE",
            description = "the own-place vote counts only in banks whose place consistency is at least this"
                    + " (default ${DEFAULT-VALUE})")
    double identityPlaceEvidenceConsistency = DEFAULTS.identity().placeEvidenceConsistency();

    @Option(names = "--identity-subspace", paramLabel = "K",
            description = "IDENTITY measures an object's distance from the K-component principal subspace of its"
                    + " place's normal examples (0: off; default ${DEFAULT-VALUE})")
    int identitySubspace = DEFAULTS.identity().subspaceComponents();

    @Option(names = "--identity-subspace-weight", paramLabel = "SHARE",
            description = "share of the subspace distance in IDENTITY's distance to the place's examples"
                    + " (default ${DEFAULT-VALUE})")
    double identitySubspaceWeight = DEFAULTS.identity().subspaceWeight();

    @Option(names = "--identity-topology", paramLabel = "W",
            description = "IDENTITY adds W times the distance of an object's holes (how many loops, how large, high or"
                    + " low) to the nearest ones at its place, in banks whose place consistency reaches"
                    + " --identity-evidence-consistency (0: off; default ${DEFAULT-VALUE})")
    double identityTopology = DEFAULTS.identity().topologyWeight();

    @Option(names = "--identity-topology-neighbours", paramLabel = "K",
            description = "the holes' distance is the mean over this many nearest normal images' examples at the"
                    + " place (0: as many as --identity-neighbours; default ${DEFAULT-VALUE})")
    int identityTopologyNeighbours = DEFAULTS.identity().topologyNeighbours();

    @Option(names = "--identity-fill", paramLabel = "W",
            description = "IDENTITY adds W times the distance of the share of an object that its holes fill (a 0 is"
                    + " mostly hole) to that of the examples at its place, where the holes are read (0: off; default"
                    + " ${DEFAULT-VALUE})")
    double identityFill = DEFAULTS.identity().fillWeight();

    @Option(names = "--identity-fill-neighbours", paramLabel = "K",
            description = "the fill's distance is the mean over this many nearest normal images' examples at the place"
                    + " (0: as many as --identity-neighbours; default ${DEFAULT-VALUE})")
    int identityFillNeighbours = DEFAULTS.identity().fillNeighbours();

    @Option(names = "--identity-place-spread", paramLabel = "ALPHA",
            description = "IDENTITY's distance to the examples at a place is multiplied by (bank spread / place spread)"
                    + " to this power, the spread being the 0.9-quantile of the examples' leave-one-out distances,"
                    + " where places have a reliable identity (0: off; default ${DEFAULT-VALUE})")
    double identityPlaceSpread = DEFAULTS.identity().placeSpread();

    @Option(names = "--identity-deformation", paramLabel = "C",
            description = "IDENTITY's distance to the examples at a place is lowered to C times the deformation-"
                    + "tolerant distance (image distortion model on the normalised 24 x 24 contrast) of the place's"
                    + " nearest examples into the object where that is smaller, where the holes are read (0: off;"
                    + " default ${DEFAULT-VALUE})")
    double identityDeformation = DEFAULTS.identity().deformationScale();

    @Option(names = "--identity-deformation-window", paramLabel = "PIXELS",
            description = "how far each pixel of an example may move to find its match in the object (default"
                    + " ${DEFAULT-VALUE})")
    int identityDeformationWindow = DEFAULTS.identity().deformationWindow();

    @Option(names = "--identity-deformation-examples", paramLabel = "K",
            description = "the deformation distance measures the place's K examples nearest by histogram, one per"
                    + " image (default ${DEFAULT-VALUE})")
    int identityDeformationExamples = DEFAULTS.identity().deformationExamples();

    @Option(names = "--identity-deformation-mirror", paramLabel = "W",
            description = "IDENTITY adds W times how much nearer, by the deformation-tolerant distance, the object's"
                    + " mirror image is to its place's nearest examples than the object itself (a digit turned over),"
                    + " where the holes are read (0: off; default ${DEFAULT-VALUE})")
    double identityDeformationMirror = DEFAULTS.identity().deformationMirror();

    @Option(names = "--identity-area-scale", paramLabel = "S",
            description = "IDENTITY damps an object smaller than the share S of the image by sqrt(area / S), where the"
                    + " holes are read (0: as OBJECT, --object-area-scale; default ${DEFAULT-VALUE})")
    double identityAreaScale = DEFAULTS.identity().areaScale();

    @Option(names = "--identity-part-share", paramLabel = "SHARE",
            description = "IDENTITY is also damped by sqrt(min(1, a / (SHARE x the area of the place's whole part)))"
                    + " (the median over the nearest normal images of the largest object whose box holds the object's"
                    + " centroid): a piece cut from a digit counts as a piece, where the holes are read (0: off;"
                    + " default ${DEFAULT-VALUE})")
    double identityPartShare = DEFAULTS.identity().partShare();

    @Option(names = "--identity-swap-pairs", paramLabel = "BOOL", arity = "1",
            description = "an object found mismatched and another that would each fit the other's place better than"
                    + " their own are one swapped pair, both mismatched (default ${DEFAULT-VALUE})")
    boolean identitySwapPairs = DEFAULTS.identity().swapPairs();

    @Option(names = "--identity-swap-gain", paramLabel = "SHARE",
            description = "two objects, neither mismatched, are a swapped pair when each is at least this share nearer"
                    + " the other's place's normal examples than its own place's (damped for small pieces; 0: only"
                    + " pairs with a mismatched object; default ${DEFAULT-VALUE})")
    double identitySwapGain = DEFAULTS.identity().swapGain();

    @Option(names = "--identity-parts-as-one", paramLabel = "BOOL", arity = "1",
            description = "touching mismatched or extra pieces of one part are reported as one object, where swapped"
                    + " pairs speak (default ${DEFAULT-VALUE})")
    boolean identityPartsAsOne = DEFAULTS.identity().partsAsOne();

    @Option(names = "--projection-width", paramLabel = "CHANNELS",
            description = "project a wider backbone's patch features to this many channels (principal components"
                    + " fitted at fit time, stored in the bank; 0: off; narrower backbones are never projected;"
                    + " default ${DEFAULT-VALUE})")
    int projectionWidth = DEFAULTS.projection().width();

    @Option(names = "--search-radius-max", paramLabel = "CELLS",
            description = "the patch search radius is estimated at fit from the normal images' pose jitter, up to"
                    + " this many cells (0: off, --neighbourhood is used; default ${DEFAULT-VALUE})")
    int searchRadiusMax = DEFAULTS.stability().searchRadiusMax();

    @Option(names = "--rim-wrap", paramLabel = "SHARE",
            description = "a thin band lying along several objects (this share of its cells within two cells of"
                    + " them) is split among them (0: off; default ${DEFAULT-VALUE})")
    double rimWrap = DEFAULTS.stability().rimWrap();

    @Option(names = "--attributes", paramLabel = "BOOL", arity = "1",
            description = "the ATTRIBUTE measure: each object's size against its counterparts' in the references"
                    + " (default ${DEFAULT-VALUE})")
    boolean attributes = DEFAULTS.stability().attributes();

    @Option(names = "--composition-images", paramLabel = "N",
            description = "the COMPOSITION measure: the query's objects, all together, against each of the N nearest"
                    + " normal images, the nearest few kept (0: off; default ${DEFAULT-VALUE})")
    int compositionImages = DEFAULTS.composition().images();

    @Option(names = "--composition-radius", paramLabel = "R",
            description = "COMPOSITION: centroid distance (relative image units) within which objects are at the"
                    + " same place (default ${DEFAULT-VALUE})")
    double compositionRadius = DEFAULTS.composition().radius();

    @Option(names = "--composition-feature-weight", paramLabel = "W",
            description = "COMPOSITION: weight of the mean-feature distance against the |log area ratio|"
                    + " (default ${DEFAULT-VALUE})")
    double compositionFeatureWeight = DEFAULTS.composition().featureWeight();

    @Option(names = "--composition-neighbours", paramLabel = "M",
            description = "COMPOSITION: the M smallest per-image distances are averaged (default ${DEFAULT-VALUE})")
    int compositionNeighbours = DEFAULTS.composition().neighbours();

    @Option(names = "--composition-relative-floor", paramLabel = "TAU",
            description = "COMPOSITION: each object's distances are divided by its own best (mean of the M smallest)"
                    + " plus TAU (0: plain distances; default ${DEFAULT-VALUE})")
    double compositionRelativeFloor = DEFAULTS.composition().relativeFloor();

    @Option(names = "--composition-min-relation", paramLabel = "AUROC",
            description = "COMPOSITION speaks only where normal images are told apart from chimeras of two normal"
                    + " images' halves with this AUROC (0: always; default ${DEFAULT-VALUE})")
    double compositionMinRelation = DEFAULTS.composition().minRelation();

    @Option(names = "--composition-in-sum", paramLabel = "BOOL", arity = "1",
            description = "COMPOSITION's surprisal also enters the fusion's Fisher sum (false: only the largest z;"
                    + " default ${DEFAULT-VALUE})")
    boolean compositionInSum = DEFAULTS.composition().inSum();

    @Option(names = "--peers-min", paramLabel = "N",
            description = "the peer measures judge an object only when at least N objects of its colour share its"
                    + " image (0: PEER_SIZE and PEER_SHAPE off; default ${DEFAULT-VALUE})")
    int peersMin = DEFAULTS.peers().minPeers();

    @Option(names = "--peers-colour-tolerance", paramLabel = "D",
            description = "two objects are peers when their median RGB colours (in [0, 1]) lie at most D apart"
                    + " (default ${DEFAULT-VALUE})")
    double peersColourTolerance = DEFAULTS.peers().colourTolerance();

    @Option(names = "--peers-size-floor", paramLabel = "S",
            description = "smallest spread of the peers' log pixel areas (default ${DEFAULT-VALUE})")
    double peersSizeFloor = DEFAULTS.peers().sizeFloor();

    @Option(names = "--peers-shape-floor", paramLabel = "S",
            description = "smallest spread of the peers' notch depths (default ${DEFAULT-VALUE})")
    double peersShapeFloor = DEFAULTS.peers().shapeFloor();

    @Option(names = "--peers-size", paramLabel = "BOOL", arity = "1",
            description = "the PEER_SIZE measure: an object larger or smaller than its peers (default"
                    + " ${DEFAULT-VALUE})")
    boolean peersSize = DEFAULTS.peers().size();

    @Option(names = "--peers-shape", paramLabel = "BOOL", arity = "1",
            description = "the PEER_SHAPE measure: an object whose outline has a deeper notch than its peers'"
                    + " (default ${DEFAULT-VALUE})")
    boolean peersShape = DEFAULTS.peers().shape();

    @Option(names = "--peers-max-spread", paramLabel = "S",
            description = "an object is judged only when its peers' log areas spread at most S (1.4826 MAD): one"
                    + " colour but sizes that do not agree is no kind (default ${DEFAULT-VALUE})")
    double peersMaxSpread = DEFAULTS.peers().maxSpread();

    @Option(names = "--peers-min-share", paramLabel = "SHARE",
            description = "the peer measures speak only in banks where at least SHARE of the normal images hold an"
                    + " object with enough peers of one kind (0: always; default ${DEFAULT-VALUE})")
    double peersMinShare = DEFAULTS.peers().minShare();

    @Option(names = "--peers-loose", paramLabel = "BOOL", arity = "1",
            description = "parts of a kind the segmentation lost (a small pin merged into the plate) are found again"
                    + " by their kind's colour and judged too (default ${DEFAULT-VALUE})")
    boolean peersLoose = DEFAULTS.peers().loose();

    @Option(names = "--peers-place-radius", paramLabel = "R",
            description = "where normal images hold no kinds to compare within one image but parts that keep their"
                    + " place, an object is judged against the objects of its colour within R (relative image units)"
                    + " of its place in the nearest normal images (0: off; default ${DEFAULT-VALUE})")
    double peersPlaceRadius = DEFAULTS.peers().placeRadius();

    @Option(names = "--peers-place-max-area", paramLabel = "SHARE",
            description = "objects judged against the same place's objects cover at most SHARE of the image (a"
                    + " box's walls and floors are larger; default ${DEFAULT-VALUE})")
    double peersPlaceMaxArea = DEFAULTS.peers().placeMaxArea();

    @Option(names = "--peers-place-size-ratio", paramLabel = "F",
            description = "an object is judged against the same place's objects only when its area lies within a"
                    + " factor F of theirs (else it is a piece of something else; default ${DEFAULT-VALUE})")
    double peersPlaceSizeRatio = DEFAULTS.peers().placeSizeRatio();

    @Option(names = "--peers-place-min-share", paramLabel = "SHARE",
            description = "an object is judged against the same place's objects only when at least SHARE of the"
                    + " nearest normal images hold one there (default ${DEFAULT-VALUE})")
    double peersPlaceMinShare = DEFAULTS.peers().placeMinShare();

    @Option(names = "--peers-in-sum", paramLabel = "BOOL", arity = "1",
            description = "the peer measures' surprisals also enter the fusion's Fisher sum (false: only the largest"
                    + " z; default ${DEFAULT-VALUE})")
    boolean peersInSum = DEFAULTS.peers().inSum();

    @Option(names = "--peers-max-kind-share", paramLabel = "SHARE",
            description = "objects of one colour are a kind of parts only when their median mask covers at most SHARE"
                    + " of the image: larger ones are pieces of a surface (0: no limit; default ${DEFAULT-VALUE})")
    double peersMaxKindShare = DEFAULTS.peers().maxKindShare();

    @Option(names = "--peers-spacing", paramLabel = "BOOL", arity = "1",
            description = "the PEER_SPACING measure: an object nearer to its nearest peer than its peers are to"
                    + " theirs, two parts where one belongs (default ${DEFAULT-VALUE})")
    boolean peersSpacing = DEFAULTS.peers().spacing();

    @Option(names = "--peers-spacing-floor", paramLabel = "S",
            description = "smallest spread of the peers' log nearest-peer distances (default ${DEFAULT-VALUE})")
    double peersSpacingFloor = DEFAULTS.peers().spacingFloor();

    @Option(names = "--peers-pairs-as-one", paramLabel = "BOOL", arity = "1",
            description = "two parts too near each other are painted on the map as one finding, both with the larger"
                    + " value over either (default ${DEFAULT-VALUE})")
    boolean peersPairsAsOne = DEFAULTS.peers().pairsAsOne();

    @Option(names = "--peers-paint-loose", paramLabel = "BOOL", arity = "1",
            description = "a lost part (a pin the segmentation merged away) whose peer z exceeds the map threshold is"
                    + " painted on the map where its pixels are (default ${DEFAULT-VALUE})")
    boolean peersPaintLoose = DEFAULTS.peers().paintLoose();

    @Option(names = "--peers-loose-kind-colour", paramLabel = "BOOL", arity = "1",
            description = "a lost part takes the colour of the kind its pixels were found by, not the median over its"
                    + " grown cells (default ${DEFAULT-VALUE})")
    boolean peersLooseKindColour = DEFAULTS.peers().looseKindColour();

    @Option(names = "--colour-clusters", paramLabel = "K",
            description = "the COLOURS measure: the image's share in each of K colours of the bank, against the"
                    + " nearest normal images' shares (0: off; default ${DEFAULT-VALUE})")
    int colourClusters = DEFAULTS.colours().clusters();

    @Option(names = "--colour-neighbours", paramLabel = "M",
            description = "COLOURS: mean distance to the M nearest normal images (default ${DEFAULT-VALUE})")
    int colourNeighbours = DEFAULTS.colours().neighbours();

    @Option(names = "--colour-share-floor", paramLabel = "EPS",
            description = "COLOURS: eps of log(share + eps), below which a colour counts as absent"
                    + " (default ${DEFAULT-VALUE})")
    double colourShareFloor = DEFAULTS.colours().shareFloor();

    @Option(names = "--colour-spread-floor", paramLabel = "S",
            description = "COLOURS: added to each colour's robust spread of log shares (default ${DEFAULT-VALUE})")
    double colourSpreadFloor = DEFAULTS.colours().spreadFloor();

    @Option(names = "--colour-min-relation", paramLabel = "AUROC",
            description = "COLOURS speaks only where normal images are told apart from chimeras of two normal"
                    + " images' halves with this AUROC, as COMPOSITION (0: always; default ${DEFAULT-VALUE})")
    double colourMinRelation = DEFAULTS.colours().minRelation();

    @Option(names = "--colour-in-sum", paramLabel = "BOOL", arity = "1",
            description = "COLOURS' surprisal also enters the fusion's Fisher sum (false: only the largest z;"
                    + " default ${DEFAULT-VALUE})")
    boolean colourInSum = DEFAULTS.colours().inSum();

    @Option(names = "--colour-paint-max-share", paramLabel = "SHARE",
            description = "COLOURS on the anomaly map (above the map threshold): colours taking at most SHARE of the"
                    + " median normal image are parts; the query's part cells take its z, or, where it lacks a part,"
                    + " the reference objects it may lack (0: not painted; default ${DEFAULT-VALUE})")
    double colourPaintMaxShare = DEFAULTS.colours().paintMaxShare();

    @Option(names = "--colour-paint-reverse-share", paramLabel = "SHARE",
            description = "COLOURS on the anomaly map, where the query lacks a part: also the cells where the reverse"
                    + " patch map (what the references have that the query lacks) reaches SHARE of its largest value"
                    + " (0: not painted; default ${DEFAULT-VALUE})")
    double colourPaintReverseShare = DEFAULTS.colours().paintReverseShare();

    @Option(names = "--colour-paint-unplaced", paramLabel = "BOOL", arity = "1",
            description = "COLOURS is painted only where nothing on the map reaches the map threshold before it"
                    + " (default ${DEFAULT-VALUE})")
    boolean colourPaintUnplaced = DEFAULTS.colours().paintUnplaced();

    @Option(names = "--pieces-paint-pairs", paramLabel = "BOOL", arity = "1",
            description = "a PIECES pair finding paints both pieces of the pair with its z, besides where the smaller"
                    + " lacks what the larger has (default ${DEFAULT-VALUE})")
    boolean piecesPaintPairs = DEFAULTS.colours().paintPairs();

    @Option(names = "--pieces-min-agreement", paramLabel = "SHARE",
            description = "the PIECES measure: a bank colour is judged by its connected pieces (split into more than"
                    + " normal; a pair of one size that differs) where at least this share of the normal images agree"
                    + " (0: off; default ${DEFAULT-VALUE})")
    double piecesMinAgreement = DEFAULTS.colours().pieces().minAgreement();

    @Option(names = "--pieces-min-pixels", paramLabel = "N",
            description = "PIECES: pieces of fewer colour-lattice points are specks (default ${DEFAULT-VALUE})")
    int piecesMinPixels = DEFAULTS.colours().pieces().minPixels();

    @Option(names = "--pieces-split-unit", paramLabel = "SHARE",
            description = "PIECES: a split counts in units of this share of the colour's area outside its agreed"
                    + " pieces (default ${DEFAULT-VALUE})")
    double piecesSplitUnit = DEFAULTS.colours().pieces().splitUnit();

    @Option(names = "--pieces-max-pair-spread", paramLabel = "S",
            description = "PIECES: two largest pieces of a colour are a pair of one size where the normals' spread"
                    + " of their log area ratio is at most S (0: no pairs; default ${DEFAULT-VALUE})")
    double piecesMaxPairSpread = DEFAULTS.colours().pieces().maxPairSpread();

    @Option(names = "--pieces-hull-weight", paramLabel = "W",
            description = "PIECES: a pair's statistic adds W times how much more of its convex hull the smaller piece"
                    + " misses than the larger (a bite; 0: the plain log area ratio; default ${DEFAULT-VALUE})")
    double piecesHullWeight = DEFAULTS.colours().pieces().hullWeight();

    @Option(names = "--pieces-rarity-score", paramLabel = "BOOL", arity = "1",
            description = "PIECES' own surprisal among normal images competes with the largest z's in the image"
                    + " score, and its map finding is judged by that rarity, where the fit judges a colour and"
                    + " COLOURS speaks (its chimera gate; needs the tail-probability fusion; default ${DEFAULT-VALUE})")
    boolean piecesRarityScore = DEFAULTS.colours().pieces().rarityScore();

    @Option(names = "--layout-min-presence", paramLabel = "SHARE",
            description = "the LAYOUT measure: inside an object box found at one place in at least this share of the"
                    + " normal images, its grid of cell colours against the place's nearest normal layouts (0: off;"
                    + " default ${DEFAULT-VALUE})")
    double layoutMinPresence = DEFAULTS.layout().minPresence();

    @Option(names = "--layout-follow-object", paramLabel = "BOOL", arity = "1",
            description = "LAYOUT: read an image's layout in the place's box centred on its object there (false: where"
                    + " the place lies in the image; default ${DEFAULT-VALUE})")
    boolean layoutFollowObject = DEFAULTS.layout().followObject();

    @Option(names = "--layout-follow-jitter", paramLabel = "BOOL", arity = "1",
            description = "LAYOUT: follow an image's object as far from its place as the normal images' objects lie"
                    + " (fitted per place and axis; false: within the place radius only; default ${DEFAULT-VALUE})")
    boolean layoutFollowJitter = DEFAULTS.layout().followJitter();

    @Option(names = "--layout-nearest-only", paramLabel = "BOOL", arity = "1",
            description = "LAYOUT: compare a query's layouts only with those of its retrieved normal images (the"
                    + " same product), not with every normal image's (default ${DEFAULT-VALUE})")
    boolean layoutNearestOnly = DEFAULTS.layout().nearestOnly();

    @Option(names = "--layout-grid", paramLabel = "N",
            description = "LAYOUT: cells per side of an object's box (default ${DEFAULT-VALUE})")
    int layoutGrid = DEFAULTS.layout().grid();

    @Option(names = "--layout-min-contrast", paramLabel = "RATIO",
            description = "LAYOUT: a place is judged where its normal layouts moved by one cell deviate this many"
                    + " times as much as they do as they are (default ${DEFAULT-VALUE})")
    double layoutMinContrast = DEFAULTS.layout().minContrast();

    @Option(names = "--layout-neighbours", paramLabel = "M",
            description = "LAYOUT: nearest normal layouts a query layout is compared with (default ${DEFAULT-VALUE})")
    int layoutNeighbours = DEFAULTS.layout().neighbours();

    @Option(names = "--layout-top-cells", paramLabel = "T",
            description = "LAYOUT: the raw value is the mean of the T largest cell deviations (default"
                    + " ${DEFAULT-VALUE})")
    int layoutTopCells = DEFAULTS.layout().topCells();

    @Option(names = "--layout-noise-floor", paramLabel = "S",
            description = "LAYOUT: smallest per-cell colour spread (L*a*b* / 100) a deviation is divided by (default"
                    + " ${DEFAULT-VALUE})")
    double layoutNoiseFloor = DEFAULTS.layout().noiseFloor();

    @Option(names = "--layout-joint-floor", paramLabel = "TAU",
            description = "the LAYOUT_JOINT measure: the judged LAYOUT places all together against one normal image at"
                    + " a time, each place's distance relative to its own best plus TAU (0: off; default"
                    + " ${DEFAULT-VALUE})")
    double layoutJointFloor = DEFAULTS.layout().jointFloor();

    @Option(names = "--layout-rarity", paramLabel = "WHICH",
            description = "where LAYOUT_JOINT speaks, the layout measures whose own rarity among normal images"
                    + " competes with the largest z's in the image score: NONE, JOINT (LAYOUT_JOINT) or BOTH (and"
                    + " LAYOUT); default ${DEFAULT-VALUE}")
    io.samlad.config.InnerLayout.Rarity layoutRarity = DEFAULTS.layout().rarity();

    @Option(names = "--layout-joint-in-sum", paramLabel = "BOOL", arity = "1",
            description = "LAYOUT_JOINT's surprisal also enters the fusion's Fisher sum (false: only the largest z;"
                    + " default ${DEFAULT-VALUE})")
    boolean layoutJointInSum = DEFAULTS.layout().jointInSum();

    @Option(names = "--fusion", paramLabel = "METHOD",
            description = "how measures become one image score: tail-probability (the largest z and every measure's"
                    + " rarity among normal images, combined on a probability scale) or max-z (the largest calibrated"
                    + " z, the fusion before; for ablations) (default tail-probability)")
    String fusion = DEFAULTS.fusion().method() == SamladConfig.Fusion.Method.MAX_Z ? "max-z" : "tail-probability";

    @Option(names = "--fusion-parts", paramLabel = "PARTS",
            description = "statistics a tail-probability score combines: both (the largest z and the Fisher sum of"
                    + " per-measure tail probabilities), maximum, sum, or min-p (the smallest per-measure tail"
                    + " probability); for ablations (default both)")
    String fusionParts = DEFAULTS.fusion().parts().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');

    @Option(names = "--fusion-sum-weight", paramLabel = "W",
            description = "weight of the Fisher part's surprisal against the largest z's (default ${DEFAULT-VALUE})")
    double fusionSumWeight = DEFAULTS.fusion().sumWeight();

    @Option(names = "--fusion-tail-share", paramLabel = "SHARE",
            description = "share of the largest normal values each measure's exponential tail is fitted to"
                    + " (default ${DEFAULT-VALUE})")
    double fusionTailShare = DEFAULTS.fusion().tailShare();

    @Option(names = "--fusion-fold-out-tails", paramLabel = "BOOL", arity = "1",
            description = "the threshold's normal scores are ranked against tail scales fitted without their own fold"
                    + " (false: in-sample; default ${DEFAULT-VALUE})")
    boolean fusionFoldOutTails = DEFAULTS.fusion().foldOutTails();

    @Option(names = "--missing-cell-z", paramLabel = "Z",
            description = "a reference object most of whose cells lie above this PATCH z in the reverse map is painted"
                    + " on the map as a candidate missing object (0: above the image threshold; default ${DEFAULT-VALUE})")
    double missingCellZ = DEFAULTS.fusion().missingCellZ();

    @Option(names = "--map-kinds-as-one", paramLabel = "N",
            description = "a kind of parts (one colour, small objects) of which the query holds more than the median"
                    + " reference, and the references at most N, is painted on the map as one finding: every part with"
                    + " the largest value over them (0: off; default ${DEFAULT-VALUE})")
    int mapKindsAsOne = DEFAULTS.fusion().mapKindsAsOne();

    @Option(names = "--map-kinds-max-relation", paramLabel = "AUROC",
            description = "the kinds rule (--map-kinds-as-one) is silent in banks of one fixed composition: LAYOUT"
                    + " judges a place and the composition relation (chimeras of two normal images' halves against"
                    + " real ones) is at least this (0: every bank paints; default ${DEFAULT-VALUE})")
    double mapKindsMaxRelation = DEFAULTS.fusion().mapKindsMaxRelation();

    @Option(names = "--map-notch-grown", paramLabel = "BOOL", arity = "1",
            description = "a PEER_SHAPE finding (a piece broken off) above the map threshold is painted over its object"
                    + " grown by a cell, where the missing piece lies (false: over the object itself; default"
                    + " ${DEFAULT-VALUE})")
    boolean mapNotchGrown = DEFAULTS.fusion().mapNotchGrown();

    @Option(names = "--corroborated-missing", paramLabel = "BOOL", arity = "1",
            description = "a reference object found missing by both the matching and the reverse patch map is judged by"
                    + " the joint rarity of the two (default ${DEFAULT-VALUE})")
    boolean corroboratedMissing = DEFAULTS.fusion().corroboratedMissing();

    @Option(names = "--corroborated-missing-score", paramLabel = "SHARE",
            description = "a missing object found by both the matching and the reverse patch map competes with the"
                    + " largest z in the image score by its joint rarity, in banks whose objects recognise their place"
                    + " at least this often (place consistency; 0: never; needs the tail-probability fusion; default"
                    + " ${DEFAULT-VALUE})")
    double corroboratedScore = DEFAULTS.fusion().corroboratedScore();

    @Option(names = "--corroborated-swap-score", paramLabel = "SHARE",
            description = "two parts that look exchanged (each nearer to the normal examples at the other's place by"
                    + " at least --identity-swap-gain of its own distance) compete with the largest z in the image"
                    + " score by the joint rarity of their IDENTITY values, in banks whose objects recognise their"
                    + " place at least this often (place consistency; 0: never; needs the tail-probability fusion;"
                    + " default ${DEFAULT-VALUE})")
    double corroboratedSwapScore = DEFAULTS.fusion().corroboratedSwapScore();

    @Option(names = "--swap-score-gain", paramLabel = "SHARE",
            description = "where --corroborated-swap-score speaks, two parts are a swapped pair when each is nearer to"
                    + " the normal examples at the other's place than at its own and the mean of the two shares"
                    + " (damped for small pieces) exceeds this (default ${DEFAULT-VALUE})")
    double swapScoreGain = DEFAULTS.fusion().swapScoreGain();

    @Option(names = "--swap-score-exchange", paramLabel = "BOOL", arity = "1",
            description = "a swapped pair's joint rarity counts also how rarely normal images hold an exchange of its"
                    + " gain, where --corroborated-swap-score speaks (default ${DEFAULT-VALUE})")
    boolean swapExchange = DEFAULTS.fusion().swapExchange();

    @Option(names = "--mirror-score", paramLabel = "SHARE",
            description = "a part whose mirror image its place's normal examples hold better than itself (turned"
                    + " over) competes with the largest z in the image score by how rarely normal images hold a mirror"
                    + " share that large, in banks whose objects recognise their place at least this often (place"
                    + " consistency; 0: never; needs the tail-probability fusion; default ${DEFAULT-VALUE})")
    double mirrorScore = DEFAULTS.fusion().mirrorScore();

    @Option(names = "--mirror-score-identity", paramLabel = "BOOL", arity = "1",
            description = "where --mirror-score speaks, the part's IDENTITY rarity joins its mirror rarity (default"
                    + " ${DEFAULT-VALUE})")
    boolean mirrorIdentity = DEFAULTS.fusion().mirrorIdentity();

    @Option(names = "--mirror-score-share", paramLabel = "SHARE",
            description = "where --mirror-score speaks, only parts whose mirror share (how much nearer their mirror"
                    + " image is to their place's examples, as a share of their own distance) exceeds this compete"
                    + " (default ${DEFAULT-VALUE})")
    double mirrorShare = DEFAULTS.fusion().mirrorShare();

    @Option(names = "--empty-place", paramLabel = "BOOL", arity = "1",
            description = "a missing object found twice is judged also by how empty the query is where it should be"
                    + " (its fine features there against its own background, ranked among the normal images'"
                    + " candidates), where --corroborated-missing-score speaks (default ${DEFAULT-VALUE})")
    boolean emptyPlace = DEFAULTS.fusion().emptyPlace();

    @Option(names = "--map-layer-scale", paramLabel = "SCALE",
            description = "the scale the anomaly map's layers are compared on: surprisal (each layer's z as its"
                    + " measure's tail probability among normal images) or z; default z")
    String mapScale = DEFAULTS.fusion().mapScale().name().toLowerCase(java.util.Locale.ROOT);

    @Option(names = "--map-gaussian", paramLabel = "HOW",
            description = "how objects' Mahalanobis cells enter the anomaly map: object (weighted and capped as the"
                    + " GAUSSIAN measure enters the structural score) or cell (each cell's own z, as before);"
                    + " default object")
    String mapGaussian = DEFAULTS.fusion().mapGaussian().name().toLowerCase(java.util.Locale.ROOT);

    @Option(names = "--map-objects", paramLabel = "HOW",
            description = "what objects are painted with on the anomaly map: findings (OBJECT; IDENTITY and ATTRIBUTE"
                    + " only above the threshold), score (their logical score, the largest of OBJECT, IDENTITY and"
                    + " ATTRIBUTE), top (findings, and the object least like its place's normal examples with its"
                    + " score) or core (findings, and each object's score on its deepest cells); default core")
    String mapObjects = DEFAULTS.fusion().mapObjects().name().toLowerCase(java.util.Locale.ROOT);

    @Option(names = "--seed", paramLabel = "N", description = "seed of the calibration split (default ${DEFAULT-VALUE})")
    long seed = DEFAULTS.seed();

    /** The configuration; throws {@link IllegalArgumentException} on values out of range. */
    public SamladConfig config() {
        if (!(thresholdQuantile >= 0 && thresholdQuantile <= 1)) {
            throw new IllegalArgumentException("--threshold-quantile must be in [0, 1] (0: keep to --target-fpr), got "
                    + thresholdQuantile);
        }
        if (projectionWidth < 0 || projectionWidth > 4096) {
            throw new IllegalArgumentException("--projection-width must be in [0, 4096] (0: off), got "
                    + projectionWidth);
        }
        if (thresholdImages < 0) {
            throw new IllegalArgumentException("--threshold-images must be >= 0, got " + thresholdImages);
        }
        if (!(targetFpr > 0 && targetFpr < 1)) {
            throw new IllegalArgumentException("--target-fpr must be in (0, 1), got " + targetFpr);
        }
        if (!(thresholdConfidence > 0 && thresholdConfidence < 1)) {
            throw new IllegalArgumentException("--threshold-confidence must be in (0, 1), got " + thresholdConfidence);
        }
        SamladConfig.Fusion.Method fusionMethod = switch (fusion) {
            case "tail-probability" -> SamladConfig.Fusion.Method.TAIL_PROBABILITY;
            case "max-z" -> SamladConfig.Fusion.Method.MAX_Z;
            default -> throw new IllegalArgumentException("--fusion must be tail-probability or max-z, got " + fusion);
        };
        SamladConfig.Fusion.Parts parts;
        try {
            parts = SamladConfig.Fusion.Parts.valueOf(fusionParts.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fusion-parts must be both, maximum, sum or min-p, got " + fusionParts);
        }
        if (!(fusionSumWeight > 0 && fusionSumWeight <= 100)) {
            throw new IllegalArgumentException("--fusion-sum-weight must be in (0, 100], got " + fusionSumWeight);
        }
        if (!(fusionTailShare > 0 && fusionTailShare < 1)) {
            throw new IllegalArgumentException("--fusion-tail-share must be in (0, 1), got " + fusionTailShare);
        }
        SamladConfig.Fusion.MapScale scale = switch (mapScale) {
            case "surprisal" -> SamladConfig.Fusion.MapScale.SURPRISAL;
            case "z" -> SamladConfig.Fusion.MapScale.Z;
            default -> throw new IllegalArgumentException("--map-layer-scale must be surprisal or z, got " + mapScale);
        };
        SamladConfig.Fusion.MapGaussian gaussianOnMap = switch (mapGaussian) {
            case "object" -> SamladConfig.Fusion.MapGaussian.OBJECT;
            case "cell" -> SamladConfig.Fusion.MapGaussian.CELL;
            default -> throw new IllegalArgumentException("--map-gaussian must be object or cell, got " + mapGaussian);
        };
        SamladConfig.Fusion.MapObjects objectsOnMap = switch (mapObjects) {
            case "score" -> SamladConfig.Fusion.MapObjects.SCORE;
            case "findings" -> SamladConfig.Fusion.MapObjects.FINDINGS;
            case "top" -> SamladConfig.Fusion.MapObjects.TOP;
            case "core" -> SamladConfig.Fusion.MapObjects.CORE;
            default -> throw new IllegalArgumentException("--map-objects must be score, top, core or findings, got "
                    + mapObjects);
        };
        return DEFAULTS.toBuilder()
                .kind(DetectorKind.parse(detector))
                .references(references)
                .retrievalCandidates(retrievalCandidates)
                .workingShortSide(workingSize)
                .featureStride(featureStride)
                .objectStride(objectStride)
                .seed(seed)
                .measuring(DEFAULTS.measuring()
                        .withNeighbourhood(neighbourhood)
                        .withThresholdQuantile(thresholdQuantile)
                        .withBankReferences(bankReferences)
                        .withPatchNoisePrior(patchNoisePrior)
                        .withBankNoisePrior(bankNoisePrior)
                        .withRecognisedPatchWeight(recognisedPatchWeight)
                        .withMissingAreaMedian(missingAreaMedian)
                        .withObjectAreaScale(objectAreaScale))
                .thresholding(DEFAULTS.thresholding()
                        .withTargetFalsePositiveRate(targetFpr)
                        .withConfidence(thresholdConfidence)
                        .withCalibrationFolds(calibrationFolds).withImages(thresholdImages)
                        .withFurtherImages(thresholdFurtherImages))
                .identity(DEFAULTS.identity().withImages(identityImages).withDescriptor(identityDescriptor)
                        .withMinConsistency(identityConsistency).withOtherPlaceWeight(identityOtherPlace)
                        .withMirrorWeight(identityMirror).withRarityVerdicts(identityRarityVerdicts)
                        .withRarityScore(identityRarityScore).withOwnPlaceWeight(identityOwnPlace)
                        .withOwnPlaceNeighbours(identityOwnPlaceNeighbours)
                        .withPlaceEvidenceConsistency(identityPlaceEvidenceConsistency)
                        .withSubspaceComponents(identitySubspace).withSubspaceWeight(identitySubspaceWeight)
                        .withTopologyWeight(identityTopology).withTopologyNeighbours(identityTopologyNeighbours)
                        .withSwapPairs(identitySwapPairs).withFillWeight(identityFill)
                        .withFillNeighbours(identityFillNeighbours).withSwapGain(identitySwapGain)
                        .withPartsAsOne(identityPartsAsOne).withPlaceSpread(identityPlaceSpread)
                        .withDeformationScale(identityDeformation).withDeformationWindow(identityDeformationWindow)
                        .withDeformationExamples(identityDeformationExamples)
                        .withDeformationMirror(identityDeformationMirror).withAreaScale(identityAreaScale)
                        .withPartShare(identityPartShare))
                .projection(DEFAULTS.projection().withWidth(projectionWidth))
                .stability(DEFAULTS.stability().withSearchRadiusMax(searchRadiusMax).withRimWrap(rimWrap)
                        .withAttributes(attributes))
                .composition(DEFAULTS.composition().withImages(compositionImages).withRadius(compositionRadius)
                        .withFeatureWeight(compositionFeatureWeight).withNeighbours(compositionNeighbours)
                        .withRelativeFloor(compositionRelativeFloor).withMinRelation(compositionMinRelation)
                        .withInSum(compositionInSum))
                .peers(DEFAULTS.peers().withMinPeers(peersMin).withColourTolerance(peersColourTolerance)
                        .withSizeFloor(peersSizeFloor).withShapeFloor(peersShapeFloor).withSize(peersSize)
                        .withShape(peersShape).withInSum(peersInSum).withMaxSpread(peersMaxSpread)
                        .withMinShare(peersMinShare).withLoose(peersLoose).withMaxKindShare(peersMaxKindShare)
                        .withSpacing(peersSpacing).withSpacingFloor(peersSpacingFloor)
                        .withPairsAsOne(peersPairsAsOne).withPaintLoose(peersPaintLoose)
                        .withLooseKindColour(peersLooseKindColour)
                        .withPlaceRadius(peersPlaceRadius).withPlaceMaxArea(peersPlaceMaxArea)
                        .withPlaceSizeRatio(peersPlaceSizeRatio)
                        .withPlaceMinShare(peersPlaceMinShare))
                .colours(DEFAULTS.colours().withClusters(colourClusters).withNeighbours(colourNeighbours)
                        .withShareFloor(colourShareFloor).withSpreadFloor(colourSpreadFloor)
                        .withMinRelation(colourMinRelation)
                        .withInSum(colourInSum)
                        .withPaint(colourPaintMaxShare, colourPaintReverseShare, piecesPaintPairs)
                        .withPaintUnplaced(colourPaintUnplaced)
                        .withPieces(DEFAULTS.colours().pieces().withMinAgreement(piecesMinAgreement)
                                .withMinPixels(piecesMinPixels).withSplitUnit(piecesSplitUnit)
                                .withMaxPairSpread(piecesMaxPairSpread).withHullWeight(piecesHullWeight)
                                .withRarityScore(piecesRarityScore)))
                .layout(DEFAULTS.layout().withMinPresence(layoutMinPresence).withGrid(layoutGrid)
                        .withMinContrast(layoutMinContrast).withNeighbours(layoutNeighbours)
                        .withTopCells(layoutTopCells).withNoiseFloor(layoutNoiseFloor)
                        .withFollowObject(layoutFollowObject).withFollowJitter(layoutFollowJitter)
                        .withNearestOnly(layoutNearestOnly)
                        .withJointFloor(layoutJointFloor).withRarity(layoutRarity)
                        .withJointInSum(layoutJointInSum))
                .fusion(DEFAULTS.fusion().withMethod(fusionMethod).withParts(parts).withSumWeight(fusionSumWeight)
                        .withTailShare(fusionTailShare)
                        .withFoldOutTails(fusionFoldOutTails).withMissingCellZ(missingCellZ)
                        .withCorroboratedMissing(corroboratedMissing).withCorroboratedScore(corroboratedScore)
                        .withCorroboratedSwapScore(corroboratedSwapScore).withSwapScoreGain(swapScoreGain)
                        .withSwapExchange(swapExchange)
                        .withMirrorScore(mirrorScore).withMirrorIdentity(mirrorIdentity)
                        .withMirrorShare(mirrorShare)
                        .withEmptyPlace(emptyPlace)
                        .withMapKindsAsOne(mapKindsAsOne).withMapNotchGrown(mapNotchGrown)
                        .withMapKindsMaxRelation(mapKindsMaxRelation)
                        .withMapScale(scale).withMapGaussian(gaussianOnMap)
                        .withMapObjects(objectsOnMap))
                .build();
    }
}

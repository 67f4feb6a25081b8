package io.samlad.detector;

/**
 * One object of a prediction. Geometry is in the query image's pixel coordinates; for a {@link Verdict#MISSING}
 * object it is where the reference had it.
 *
 * @param id                 index among the prediction's objects
 * @param verdict            what the detector concluded
 * @param score              the object's calibrated anomaly score (0 = typical of normal images; larger = worse)
 * @param centroidX          centroid x, pixels
 * @param centroidY          centroid y, pixels
 * @param minX               bounding box, pixels, inclusive
 * @param minY               bounding box, pixels, inclusive
 * @param maxX               bounding box, pixels, inclusive
 * @param maxY               bounding box, pixels, inclusive
 * @param areaFraction       area as a fraction of the image
 * @param matchedReference   index of the template-bank image this object was compared with, or -1
 * @param matchedObject      index of the matched object in that reference image, or -1
 */
public record DetectedObject(int id, Verdict verdict, double score, double centroidX, double centroidY, int minX,
        int minY, int maxX, int maxY, double areaFraction, int matchedReference, int matchedObject) {

    /** The same object with another verdict and score (a finding that a later rule changes, e.g. a swapped pair). */
    public DetectedObject withVerdict(Verdict newVerdict, double newScore) {
        return new DetectedObject(id, newVerdict, newScore, centroidX, centroidY, minX, minY, maxX, maxY,
                areaFraction, matchedReference, matchedObject);
    }
}

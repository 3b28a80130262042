package cn.unionhub.station.map.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * The k nearest of many points to a position, without measuring the distance to all of them: points
 * sit in cells of about 1.1 km (0.01°), and a search looks at rings of cells around the position,
 * widening until the k-th best found is nearer than anything an unvisited ring could hold. Within a
 * ring, a point farther than the k-th best so far is dropped on its distance alone, before the
 * (dearer) {@code accept} test. Not thread-safe for writes: the owner guards changes.
 *
 * @param <T> what is found (a station)
 */
public final class NearestIndex<T> {

    private static final double CELL_DEGREES = 0.01;
    /** Metres per degree of latitude; a degree of longitude is this times cos(latitude). */
    private static final double METRES_PER_DEGREE = Math.PI * Position.EARTH_RADIUS_METRES / 180;

    /** A point in WGS-84 degrees with the cosine of its latitude, so a distance costs no allocation. */
    private record Point<T>(String id, double latitude, double longitude, double cosLatitude, T value) {
    }

    /** One result: the value and its straight-line distance in metres. */
    public record Found<T>(T value, double metres) {
    }

    private final Map<Long, List<Point<T>>> cells = new HashMap<>();
    private final Map<String, Point<T>> byId = new HashMap<>();

    /** Adds or moves a point. */
    public void put(String id, Position position, T value) {
        remove(id);
        Position wgs = position.in(Datum.WGS84);
        Point<T> point = new Point<>(id, wgs.latitude(), wgs.longitude(), Math.cos(Math.toRadians(wgs.latitude())), value);
        byId.put(id, point);
        cells.computeIfAbsent(cell(point.latitude(), point.longitude()), c -> new ArrayList<>()).add(point);
    }

    public void remove(String id) {
        Point<T> old = byId.remove(id);
        if (old != null) {
            long key = cell(old.latitude(), old.longitude());
            List<Point<T>> cell = cells.get(key);
            cell.removeIf(p -> p.id().equals(id));
            if (cell.isEmpty()) {
                cells.remove(key);
            }
        }
    }

    public int size() {
        return byId.size();
    }

    /** The ids of every point, a copy. */
    public Set<String> ids() {
        return new HashSet<>(byId.keySet());
    }

    /**
     * The {@code k} nearest points that {@code accept} lets through, nearest first, no farther than
     * {@code maxMetres}.
     */
    public List<Found<T>> nearest(Position from, int k, double maxMetres, Predicate<T> accept) {
        Position origin = from.in(Datum.WGS84);
        double lat = origin.latitude();
        double lon = origin.longitude();
        double cosLat = Math.cos(Math.toRadians(lat));
        int row = (int) Math.floor(lat / CELL_DEGREES);
        int column = (int) Math.floor(lon / CELL_DEGREES);
        // The narrowest a cell gets around here, in metres: a ring r cells out is at least this far * (r - 1) away.
        double cellMetres = CELL_DEGREES * METRES_PER_DEGREE * Math.cos(Math.toRadians(Math.min(89, Math.abs(lat) + 1)));
        int maxRing = (int) Math.ceil(maxMetres / cellMetres) + 1;
        PriorityQueue<Found<T>> best = new PriorityQueue<>(k + 1, Comparator.comparingDouble(Found<T>::metres).reversed());
        for (int ring = 0; ring <= maxRing; ring++) {
            if (best.size() == k && best.peek().metres() <= (ring - 1) * cellMetres) {
                break; // everything in this ring and beyond is farther than the k-th found
            }
            for (int dr = -ring; dr <= ring; dr++) {
                boolean edgeRow = Math.abs(dr) == ring;
                for (int dc = -ring; dc <= ring; dc += edgeRow ? 1 : 2 * ring) { // the ring's border only
                    List<Point<T>> cell = cells.get(key(row + dr, column + dc));
                    if (cell != null) {
                        for (Point<T> p : cell) {
                            double metres = Position.metres(lat, lon, cosLat, p.latitude(), p.longitude(), p.cosLatitude());
                            if (metres > maxMetres || best.size() == k && metres >= best.peek().metres() || !accept.test(p.value())) {
                                continue;
                            }
                            best.add(new Found<>(p.value(), metres));
                            if (best.size() > k) {
                                best.poll();
                            }
                        }
                    }
                    if (ring == 0) {
                        break;
                    }
                }
            }
        }
        List<Found<T>> nearestFirst = new ArrayList<>(best);
        nearestFirst.sort(Comparator.comparingDouble(Found::metres));
        return List.copyOf(nearestFirst);
    }

    private static long cell(double latitude, double longitude) {
        return key((int) Math.floor(latitude / CELL_DEGREES), (int) Math.floor(longitude / CELL_DEGREES));
    }

    private static long key(int row, int column) {
        return ((long) row << 32) ^ (column & 0xffffffffL);
    }
}

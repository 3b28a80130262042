package cn.unionhub.station.map.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The k nearest of many points to a position, without measuring the distance to all of them: points
 * sit in cells of about 5.5 km (0.05°), and a search looks at rings of cells around the position,
 * widening until the k-th best found is nearer than anything an unvisited ring could hold. 100,000
 * stations in a province answer in microseconds. Not thread-safe for writes: the owner swaps whole
 * indexes or guards changes.
 *
 * @param <T> what is found (a station)
 */
public final class NearestIndex<T> {

    private static final double CELL_DEGREES = 0.05;
    /** Metres per degree of latitude; a degree of longitude is this times cos(latitude). */
    private static final double METRES_PER_DEGREE = Math.PI * Position.EARTH_RADIUS_METRES / 180;

    private record Point<T>(String id, Position position, T value) {
    }

    /** One result: the value and its straight-line distance in metres. */
    public record Found<T>(T value, double metres) {
    }

    private final Map<Long, List<Point<T>>> cells = new HashMap<>();
    private final Map<String, Point<T>> byId = new HashMap<>();

    /** Adds or moves a point (positions in WGS-84). */
    public void put(String id, Position position, T value) {
        remove(id);
        Point<T> point = new Point<>(id, position.in(Datum.WGS84), value);
        byId.put(id, point);
        cells.computeIfAbsent(cell(point.position()), c -> new ArrayList<>()).add(point);
    }

    public void remove(String id) {
        Point<T> old = byId.remove(id);
        if (old != null) {
            List<Point<T>> cell = cells.get(cell(old.position()));
            cell.removeIf(p -> p.id().equals(id));
            if (cell.isEmpty()) {
                cells.remove(cell(old.position()));
            }
        }
    }

    public int size() {
        return byId.size();
    }

    /**
     * The {@code k} nearest points that {@code accept} lets through, nearest first, no farther than
     * {@code maxMetres}.
     */
    public List<Found<T>> nearest(Position from, int k, double maxMetres, Predicate<T> accept) {
        Position origin = from.in(Datum.WGS84);
        int row = (int) Math.floor(origin.latitude() / CELL_DEGREES);
        int column = (int) Math.floor(origin.longitude() / CELL_DEGREES);
        // The narrowest a cell gets around here, in metres: a ring r cells out is at least this far * r away.
        double cellMetres = CELL_DEGREES * METRES_PER_DEGREE * Math.cos(Math.toRadians(Math.min(89, Math.abs(origin.latitude()) + CELL_DEGREES)));
        int maxRing = (int) Math.ceil(maxMetres / cellMetres) + 1;
        List<Found<T>> best = new ArrayList<>();
        for (int ring = 0; ring <= maxRing; ring++) {
            if (best.size() >= k && best.get(k - 1).metres() <= (ring - 1) * cellMetres) {
                break; // everything in this ring and beyond is farther than the k-th found
            }
            for (int dr = -ring; dr <= ring; dr++) {
                for (int dc = -ring; dc <= ring; dc++) {
                    if (Math.max(Math.abs(dr), Math.abs(dc)) != ring) {
                        continue; // the ring's border only
                    }
                    List<Point<T>> cell = cells.get(key(row + dr, column + dc));
                    if (cell == null) {
                        continue;
                    }
                    for (Point<T> point : cell) {
                        if (!accept.test(point.value())) {
                            continue;
                        }
                        double metres = origin.metresTo(point.position());
                        if (metres <= maxMetres) {
                            best.add(new Found<>(point.value(), metres));
                        }
                    }
                }
            }
            best.sort(Comparator.comparingDouble(Found::metres));
            if (best.size() > k) {
                best.subList(k, best.size()).clear();
            }
        }
        return List.copyOf(best);
    }

    private static long cell(Position p) {
        return key((int) Math.floor(p.latitude() / CELL_DEGREES), (int) Math.floor(p.longitude() / CELL_DEGREES));
    }

    private static long key(int row, int column) {
        return ((long) row << 32) ^ (column & 0xffffffffL);
    }
}

package cn.unionhub.station.visit.store;

import cn.unionhub.platform.store.Sequences;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which generation of its check-in code a station's poster carries ({@code station_check_in_codes}, by station number):
 * 0 until its keepers first replace the code, one more each time. Read by key at every check-in.
 */
@Repository
public class CheckInCodes {

    private final Sequences generations;

    CheckInCodes(MongoTemplate mongo) {
        this.generations = new Sequences(mongo, "station_check_in_codes");
    }

    public long generation(String station) {
        return generations.current(station);
    }

    /** The next generation: the code before it stops working. */
    public long replace(String station) {
        return generations.next(station);
    }
}

package cn.unionhub.station.registry;

/**
 * The activities of a station that have not ended, as delisting needs them: a delisted station's
 * activities will not take place, and the people signed up must be told why. Implemented by the
 * activity feature (which depends on the register, not the other way round).
 */
public interface UpcomingActivities {

    /** Calls off every activity of the station that has not ended, with this reason; those called off before stay as they were. */
    void callOffAll(String station, String reason, String by);
}

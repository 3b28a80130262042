package cn.unionhub.platform.events;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** Test aggregate: each stamp changes its state and raises one event. */
@Document("parcels")
class Parcel {

    @Id
    String id;
    @Version
    Long version;
    int stamps;
    String lastNote;

    Parcel(String id) {
        this.id = id;
    }

    List<ParcelStamped> stamp(String note) {
        stamps++;
        lastNote = note;
        return new ArrayList<>(List.of(new ParcelStamped(id, stamps, note)));
    }
}

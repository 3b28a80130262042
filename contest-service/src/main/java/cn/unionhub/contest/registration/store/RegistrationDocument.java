package cn.unionhub.contest.registration.store;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

/**
 * A registration, keyed {@code <event id>-R<nnnnn>} so that an event's registrations are one key
 * range; {@code account} is the competitor's own sign-in when they entered themselves (or were
 * named by their union), which lets them see their own scores; {@code lines} are the ledger lines
 * about them, so their scoresheet is read by key.
 */
@org.springframework.data.mongodb.core.mapping.Document("registrations")
class RegistrationDocument {

    @Id
    String id;
    @Version
    Long version;
    String eventId;
    String account;
    Document registration;
    List<Integer> lines = new ArrayList<>();
}

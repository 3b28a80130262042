package cn.unionhub.platform.events;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;

/** Test-only event: a parcel went back to its sender (a second type on the parcels' topic). */
@EventContract(type = "cn.unionhub.test.parcel-returned.v1", topic = "test.parcels")
record ParcelReturned(String parcelId, String reason) implements DomainEvent {

    @Override
    public String subject() {
        return parcelId;
    }
}

package cn.unionhub.platform.events;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;

/** Test-only event: a parcel got its n-th stamp. */
@EventContract(type = "cn.unionhub.test.parcel-stamped.v1", topic = "test.parcels")
record ParcelStamped(String parcelId, int sequence, String note) implements DomainEvent {

    @Override
    public String subject() {
        return parcelId;
    }
}

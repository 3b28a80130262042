package cn.unionhub.platform.testapp.problems;

import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service with one controller that fails in every way a real one can. */
@SpringBootApplication
class ProblemTestApplication {

    @org.springframework.context.annotation.Bean
    cn.unionhub.security.AccessRules accessRules() {
        return cn.unionhub.security.AccessRules.define()
                .publicly(org.springframework.http.HttpMethod.POST, "/api/v1/probe/parcels", "/api/v1/probe/parcels/{id}/deliver")
                .publicly(org.springframework.http.HttpMethod.GET, "/api/v1/probe/parcels/{id}", "/api/v1/probe/boom", "/api/v1/probe/parcels")
                .publicly(org.springframework.http.HttpMethod.DELETE, "/api/v1/probe/parcels");
    }

    record ParcelRequest(@NotBlank String recipient, @Min(1) int weightGrams, @Size(max = 10) String note,
            @cn.unionhub.platform.validation.ChineseIdentifier(cn.unionhub.platform.validation.ChineseIdentifier.Kind.MOBILE) String phone,
            java.time.OffsetDateTime pickUpAt, java.util.List<Stop> stops) {
    }

    record Stop(java.time.LocalDate on, ProbeController.Status status) {
    }

    @RestController
    @RequestMapping("/api/v1/probe")
    static class ProbeController {

        @PostMapping("/parcels")
        ParcelRequest create(@Valid @RequestBody ParcelRequest request) {
            return request;
        }

        enum Status { WAITING, DELIVERED }

        @GetMapping("/parcels")
        java.util.List<String> list(@org.springframework.web.bind.annotation.RequestParam Status status,
                @org.springframework.web.bind.annotation.RequestParam(defaultValue = "0") int page) {
            return java.util.List.of(status.name() + page);
        }

        /** Several statuses at once, as the case queue's {@code ?status=} takes them. */
        @GetMapping("/parcels/by-statuses")
        java.util.List<String> byStatuses(@org.springframework.web.bind.annotation.RequestParam java.util.List<Status> status) {
            return status.stream().map(Enum::name).toList();
        }

        @GetMapping("/parcels/{id}")
        ParcelRequest find(@PathVariable String id) {
            throw new NotFoundException("parcel-not-found", id);
        }

        @PostMapping("/parcels/{id}/deliver")
        void deliver(@PathVariable String id) {
            throw new ConflictException("parcel-already-delivered", id);
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret internal detail at db-7.internal:27017");
        }
    }
}

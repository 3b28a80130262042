package cn.unionhub.station.visit.api;

import cn.unionhub.security.Actor;
import cn.unionhub.station.visit.VisitService;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Check-in by QR code, and visit reports per station and per district. */
@RestController
class VisitController {

    private final VisitService visits;

    VisitController(VisitService visits) {
        this.visits = visits;
    }

    record CheckIn(String code) {
    }

    record CheckedIn(String station, boolean counted) {
    }

    record Poster(String station, String code) {
    }

    /** 201 when counted now, 200 when already counted there today. */
    @PostMapping("/api/v1/stations/{number}/visits")
    ResponseEntity<CheckedIn> checkIn(@PathVariable String number, @RequestBody CheckIn form, Actor worker) {
        boolean counted = visits.checkIn(number, form.code(), worker);
        CheckedIn body = new CheckedIn(number, counted);
        return counted ? ResponseEntity.status(201).body(body) : ResponseEntity.ok(body);
    }

    /** What the station's QR poster encodes, for those who keep the station. */
    @GetMapping("/api/v1/stations/{number}/check-in-code")
    Poster code(@PathVariable String number, Actor actor) {
        return new Poster(number, visits.code(number, actor));
    }

    /** 更换签到码: a new code for the poster, for those who keep the station; the old poster stops checking in. */
    @PostMapping("/api/v1/stations/{number}/check-in-code/replacement")
    Poster replaceCode(@PathVariable String number, Actor actor) {
        return new Poster(number, visits.replaceCode(number, actor));
    }

    @GetMapping("/api/v1/stations/{number}/visits")
    VisitService.Report ofStation(@PathVariable String number, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Actor actor) {
        return visits.ofStation(number, from, to, actor);
    }

    @GetMapping("/api/v1/stations/visits")
    VisitService.Report ofDistrict(@RequestParam String district,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Actor actor) {
        return visits.ofDistrict(district, from, to, actor);
    }
}

package dev.switchboard.config;

import java.time.Duration;

/** Engineer visits: how long a slot is and how much travel time is kept between two visits. */
public record SchedulingConfig(Duration visitLength, Duration travelBuffer) {
}

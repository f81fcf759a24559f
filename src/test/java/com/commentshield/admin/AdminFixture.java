package com.commentshield.admin;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;

/** Shared steps of the admin tests. */
public final class AdminFixture {

  private AdminFixture() {}

  public static RequestSpecification asAdmin() {
    return given().auth().preemptive().basic("admin", "admin-test-password");
  }

  public static void awaitModel() {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (given().get("/q/health/ready").statusCode() != 200) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no model within two minutes");
      }
      sleep(200);
    }
  }

  /** Polls a job until it leaves the running state and returns its final view. */
  public static JsonPath awaitJob(long id) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      JsonPath job =
          asAdmin().get("/admin/jobs/{id}", id).then().statusCode(200).extract().jsonPath();
      if (!"running".equals(job.getString("state"))) {
        return job;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("job " + id + " still running after three minutes");
      }
      sleep(200);
    }
  }

  public static int activeVersion() {
    return asAdmin()
        .get("/admin/models")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getInt("find { it.active }.version");
  }

  public static void activate(int version) {
    asAdmin().post("/admin/models/{v}/activate", version).then().statusCode(200);
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

package com.commentshield.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;

/**
 * The package layout and the direction of its imports (README "Layout"): the shared vocabulary and
 * the ML core know nothing of the service; the stages know nothing of the doors and pages on top of
 * them; resources stay thin; developer tools never ship.
 */
@AnalyzeClasses(
    packages = "com.commentshield",
    importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  private static final String[] CORE = {
    "com.commentshield.comment..", "com.commentshield.text..", "com.commentshield.model.."
  };

  private static final String[] SERVICE = {
    "com.commentshield.common..",
    "com.commentshield.examples..",
    "com.commentshield.models..",
    "com.commentshield.policy..",
    "com.commentshield.memory..",
    "com.commentshield.training..",
    "com.commentshield.moderation..",
    "com.commentshield.classify..",
    "com.commentshield.outbox..",
  };

  private static final String[] ADAPTERS = {
    "com.commentshield.admin..",
    "com.commentshield.akismet..",
    "com.commentshield.perspective..",
    "com.commentshield.coral..",
  };

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("com.commentshield.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule coreIsPlainJava =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.quarkus..", "jakarta..", "io.vertx..", "org.eclipse.microprofile..");

  @ArchTest
  static final ArchRule coreKnowsNothingOfTheService =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(concat(SERVICE, ADAPTERS));

  @ArchTest
  static final ArchRule stagesKnowNothingOfTheAdapters =
      noClasses()
          .that()
          .resideInAnyPackage(SERVICE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ADAPTERS);

  @ArchTest
  static final ArchRule commonKnowsNoStage =
      noClasses()
          .that()
          .resideInAPackage("com.commentshield.common..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(concat(without(SERVICE, "com.commentshield.common.."), ADAPTERS));

  @ArchTest
  static final ArchRule resourcesDoNotTouchEntities =
      noClasses()
          .that()
          .areAnnotatedWith(Path.class)
          .should()
          .dependOnClassesThat()
          .areAnnotatedWith(Entity.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(EntityManager.class)
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("io.quarkus.hibernate.orm.panache..");

  @ArchTest
  static final ArchRule developerToolsDoNotShip =
      noClasses().should().dependOnClassesThat().resideInAPackage("com.commentshield.tools..");

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static String[] without(String[] a, String removed) {
    return java.util.Arrays.stream(a).filter(p -> !p.equals(removed)).toArray(String[]::new);
  }
}

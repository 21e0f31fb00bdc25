package dev.bankml.jobs.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * ArchUnit slices of one class each (a nested class belongs to its outer class), under a package:
 * with {@code beFreeOfCycles()}, no two classes there need each other, directly or around a loop.
 */
public final class TopLevelClasses implements SliceAssignment {
    private final String rootPackage;

    private TopLevelClasses(String rootPackage) {
        this.rootPackage = rootPackage;
    }

    public static TopLevelClasses under(String rootPackage) {
        return new TopLevelClasses(rootPackage);
    }

    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        if (!javaClass.getPackageName().startsWith(rootPackage)) {
            return SliceIdentifier.ignore();
        }
        String name = javaClass.getName();
        int nested = name.indexOf('$');
        return SliceIdentifier.of(nested < 0 ? name : name.substring(0, nested));
    }

    @Override
    public String getDescription() {
        return "classes under " + rootPackage;
    }
}

package org.hrdd.pipeline;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts {@link ClusterRun} as soon as a test plan that holds {@link ClusterIT} starts, so that the cluster's
 * spark-submits (separate processes) run while the other pipeline tests do; ClusterIT, ordered last, then only waits for what is
 * left. Registered through META-INF/services; plans without ClusterIT (e.g. {@code -Dtest=SomeTest}) start nothing.
 */
public final class ClusterRunStarter implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        if (ClusterRun.enabled() && holdsClusterIT(plan)) {
            ClusterRun.start();
        }
    }

    static boolean holdsClusterIT(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                TestSource source = id.getSource().orElse(null);
                if (source instanceof ClassSource c && c.getClassName().equals(ClusterIT.class.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}

package dev.vivace.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles SIGTERM and SIGINT so that a graceful stop ends with exit status 0 (a JVM that merely
 * runs shutdown hooks exits with 143). The JDK's signal API is reached reflectively because it is
 * not a standard API; when it is missing, callers fall back to a shutdown hook.
 */
final class Signals {

  private static final Logger logger = LoggerFactory.getLogger(Signals.class);

  /**
   * Runs {@code action} on its own thread when the process is asked to terminate.
   *
   * @return false when signal handlers could not be installed
   */
  static boolean onTermination(Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      InvocationHandler onSignal =
          (Object proxy, Method method, Object[] args) -> {
            if (method.getName().equals("handle")) {
              new Thread(action, "vivace-signal").start();
              return null;
            }
            if (method.getName().equals("toString")) {
              return "vivace termination handler";
            }
            if (method.getName().equals("hashCode")) {
              return System.identityHashCode(proxy);
            }
            if (method.getName().equals("equals")) {
              return proxy == args[0];
            }
            return null;
          };
      Object handler =
          Proxy.newProxyInstance(
              Signals.class.getClassLoader(), new Class<?>[] {handlerClass}, onSignal);
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      for (String name : new String[] {"TERM", "INT"}) {
        Object signal = signalClass.getConstructor(String.class).newInstance(name);
        handle.invoke(null, signal, handler);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      logger.warn("Cannot handle termination signals; stopping through a shutdown hook instead", e);
      return false;
    }
  }

  private Signals() {}
}

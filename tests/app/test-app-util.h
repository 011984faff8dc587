/* test-app-util.h — run the real application inside a test and wait on what it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "agent-application.h"

G_BEGIN_DECLS

typedef void (*TestAppBody) (AgentApplication *app,
                             gpointer          user_data);

/* Runs a fresh AgentApplication (unique bus name) with @argv (NULL-terminated, without the
 * program name); @body runs inside its main loop and may wait with TEST_WAIT_UNTIL. Once
 * @body returns the application is asked to quit. Returns the time quitting took, in ms. */
double       test_app_run             (const char * const *argv,
                                       TestAppBody         body,
                                       gpointer            user_data);

/* Spins the default main context until @condition holds or @timeout_ms passed. */
gboolean     test_wait_until          (gboolean (*condition) (gpointer),
                                       gpointer            data,
                                       guint               timeout_ms);

#define TEST_WAIT_UNTIL(expr, timeout_ms) \
  G_STMT_START { \
    gint64 _deadline = g_get_monotonic_time () + (gint64) (timeout_ms) * 1000; \
    while (!(expr)) \
      { \
        if (g_get_monotonic_time () > _deadline) \
          g_error ("Timed out after %u ms waiting for %s", (guint) (timeout_ms), #expr); \
        test_iterate (); \
      } \
  } G_STMT_END

void         test_iterate             (void);

/* The trace file the tests set up (BABAIHU_TRACE) and what was written to it since @offset. */
void         test_trace_setup         (void);
const char  *test_trace_path          (void);
goffset      test_trace_offset        (void);
GPtrArray   *test_trace_read          (goffset             offset);
JsonObject  *test_trace_find          (GPtrArray          *lines,
                                       const char         *event,
                                       const char         *field,
                                       const char         *value);

/* Widgets of a template, by id. */
gpointer     test_template_child      (gpointer            widget,
                                       GType               type,
                                       const char         *name);

/* The visible window of @type among the application's, or NULL. */
GtkWindow   *test_find_window         (gpointer            application,
                                       GType               type);

/* A password file for --password-file. */
char        *test_write_password_file (const char         *password);

G_END_DECLS

/* test-app-util.c — run the real application inside a test and wait on what it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <execinfo.h>
#include <signal.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "agent-trace.h"
#include "test-app-util.h"

static char *trace_path;

typedef struct
{
  AgentApplication *app;
  TestAppBody       body;
  gpointer          user_data;
  gint64            quit_started_us;
} RunData;

static gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* One iteration, never blocking for more than 50 ms so that deadlines are checked. */
void
test_iterate (void)
{
  guint id = g_timeout_add (50, wake_up_cb, NULL);

  if (g_main_context_iteration (NULL, TRUE))
    {
      GSource *source = g_main_context_find_source_by_id (NULL, id);

      if (source != NULL)
        g_source_destroy (source);
    }
}

gboolean
test_wait_until (gboolean (*condition) (gpointer),
                 gpointer   data,
                 guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      test_iterate ();
    }
  return TRUE;
}

static gboolean
run_body_cb (gpointer user_data)
{
  RunData *run = user_data;

  run->body (run->app, run->user_data);

  /* Let what the body set off settle (low-priority idles included) before quitting. */
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);

  run->quit_started_us = g_get_monotonic_time ();
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

double
test_app_run (const char * const *argv,
              TestAppBody         body,
              gpointer            user_data)
{
  static guint serial;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *app_id = NULL;
  RunData run = { 0 };
  int status;

  g_ptr_array_add (args, (gpointer) "babaihu-agent");
  if (argv != NULL)
    for (guint i = 0; argv[i] != NULL; i++)
      g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  run.app = agent_application_new ();
  run.body = body;
  run.user_data = user_data;

  /* A bus name of its own: the previous test's application may still hold the last one. */
  app_id = g_strdup_printf ("org.babaihu.Agent.Test%u_%u", (guint) getpid (), ++serial);
  g_application_set_application_id (G_APPLICATION (run.app), app_id);

  g_idle_add (run_body_cb, &run);
  status = g_application_run (G_APPLICATION (run.app), args->len - 1, (char **) args->pdata);
  g_assert_cmpint (status, ==, 0);

  /* Whatever the application left behind (finished requests, the sandbox's exit) is drained
   * while it still exists, so the next test starts clean. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (run.app);

  return run.quit_started_us > 0 ? (g_get_monotonic_time () - run.quit_started_us) / 1000.0 : 0;
}

/* A test that crashes (in a GTK, GStreamer or Mesa thread, say, on a loaded machine) leaves
 * only "signal 11" in the CI log: print the stack first, then die of the signal as before.
 * Names of static functions need `addr2line -e TEST ADDRESS` in the same build. */
static void
on_crash (int sig)
{
  static const char head[] = "\n** the test crashed; its stack:\n";
  void *frames[64];
  int n = backtrace (frames, G_N_ELEMENTS (frames));

  if (write (STDERR_FILENO, head, sizeof head - 1) > 0)
    backtrace_symbols_fd (frames, n, STDERR_FILENO);
  raise (sig);
}

static void
install_crash_handler (void)
{
  struct sigaction action = { 0 };
  void *frame;
  const int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE };

  /* backtrace() loads libgcc the first time: not in a signal handler. */
  backtrace (&frame, 1);
  action.sa_handler = on_crash;
  action.sa_flags = SA_RESETHAND | SA_NODEFER;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &action, NULL);
}

void
test_trace_setup (void)
{
  int fd;
  GError *error = NULL;

  install_crash_handler ();

  fd = g_file_open_tmp ("babaihu-trace-XXXXXX.jsonl", &trace_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_setenv ("BABAIHU_TRACE", trace_path, TRUE);
}

const char *
test_trace_path (void)
{
  return trace_path;
}

goffset
test_trace_offset (void)
{
  GStatBuf st;

  agent_trace_flush ();
  if (g_stat (trace_path, &st) != 0)
    return 0;
  return st.st_size;
}

/* Every line since @offset, each parsed (a line that is not a JSON object fails the test). */
GPtrArray *
test_trace_read (goffset offset)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  gsize length = 0;
  GError *error = NULL;

  agent_trace_flush ();
  g_file_get_contents (trace_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (offset, <=, (goffset) length);

  /* Only whole lines: the writer thread may be in the middle of the next one. */
  {
    char *last_newline = strrchr (contents + offset, '\n');

    if (last_newline == NULL)
      return objects;
    last_newline[1] = '\0';
  }

  lines = g_strsplit (contents + offset, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (g_strstrip (lines[i])[0] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      root = json_parser_get_root (parser);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      g_ptr_array_add (objects, json_object_ref (json_node_get_object (root)));
    }

  return objects;
}

/* The first line of @event whose @field (when given) has the text @value. */
JsonObject *
test_trace_find (GPtrArray  *lines,
                 const char *event,
                 const char *field,
                 const char *value)
{
  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *object = g_ptr_array_index (lines, i);
      JsonNode *node;

      if (g_strcmp0 (json_object_get_string_member_with_default (object, "event", ""), event) != 0)
        continue;
      if (field == NULL)
        return object;
      node = json_object_get_member (object, field);
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
        continue;
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          if (g_strcmp0 (json_node_get_string (node), value) == 0)
            return object;
        }
      else
        {
          g_autofree char *text = NULL;

          if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
            text = g_strdup (json_node_get_boolean (node) ? "true" : "false");
          else if (json_node_get_value_type (node) == G_TYPE_INT64)
            text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          if (g_strcmp0 (text, value) == 0)
            return object;
        }
    }
  return NULL;
}

gpointer
test_template_child (gpointer    widget,
                     GType       type,
                     const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

char *
test_write_password_file (const char *password)
{
  char *path = NULL;
  GError *error = NULL;
  int fd;

  fd = g_file_open_tmp ("babaihu-password-XXXXXX", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, password, -1, &error);
  g_assert_no_error (error);
  return path;
}

GtkWindow *
test_find_window (gpointer application,
                  GType    type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

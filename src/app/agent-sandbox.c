/* agent-sandbox.c — the demo server, run as a child process for --sandbox
 *
 * `babaihu-sandbox --demo --simulate --port 0` picks a free loopback port and says which on
 * its first line of output; we read that line asynchronously and hand back the URL. The child
 * dies with us: on stop, and through PR_SET_PDEATHSIG should we crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-sandbox"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gi18n.h>

#include "agent-sandbox.h"

#define START_TIMEOUT_S 20
/* The pace of the demo's simulated calls (see agent_sandbox_start_async()). */
#define DEMO_CALL_MIN_MS 15000
#define DEMO_CALL_MAX_MS 40000

struct _AgentSandbox
{
  GObject parent_instance;

  /* Owned */
  GSubprocess      *process;
  GDataInputStream *output;
  GCancellable     *cancellable;
  char             *url;
  guint             start_timeout_id;
};

G_DEFINE_FINAL_TYPE (AgentSandbox, agent_sandbox, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
is_executable (const char *path)
{
  return path != NULL && g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) &&
         !g_file_test (path, G_FILE_TEST_IS_DIR);
}

static void read_next_line (AgentSandbox *self);

/* Later lines are the sandbox's log: read so that a full pipe never stalls it. */
static void
on_log_line_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AgentSandbox) self = user_data;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                    NULL, NULL);
  if (line == NULL)
    return;

  g_debug ("sandbox: %s", line);
  read_next_line (self);
}

static void
read_next_line (AgentSandbox *self)
{
  if (self->output == NULL)
    return;

  g_data_input_stream_read_line_async (self->output, G_PRIORITY_LOW, self->cancellable,
                                       on_log_line_cb, g_object_ref (self));
}

static void
on_wait_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AgentSandbox) self = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  if (self->process == G_SUBPROCESS (object))
    {
      g_debug ("The sandbox exited");
      g_clear_object (&self->process);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
}

static void
on_first_line_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AgentSandbox *self = g_task_get_source_object (task);
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  const char *prefix = "listening on ";

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                    NULL, &error);
  g_clear_handle_id (&self->start_timeout_id, g_source_remove);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (line == NULL || !g_str_has_prefix (line, prefix))
    {
      g_debug ("Unexpected first line from the sandbox: %s",
               line != NULL ? line : error != NULL ? error->message : "(end of output)");
      agent_sandbox_stop (self);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The demo sandbox did not start. Run babaihu-sandbox in a terminal to see why."));
      return;
    }

  g_free (self->url);
  self->url = g_strstrip (g_strdup (line + strlen (prefix)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);

  read_next_line (self);
  g_task_return_pointer (task, g_strdup (self->url), g_free);
}

static void
agent_sandbox_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AgentSandbox *self = AGENT_SANDBOX (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, agent_sandbox_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_sandbox_dispose (GObject *object)
{
  AgentSandbox *self = AGENT_SANDBOX (object);

  agent_sandbox_stop (self);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (agent_sandbox_parent_class)->dispose (object);
}

static void
agent_sandbox_finalize (GObject *object)
{
  AgentSandbox *self = AGENT_SANDBOX (object);

  g_free (self->url);

  G_OBJECT_CLASS (agent_sandbox_parent_class)->finalize (object);
}

static void
agent_sandbox_class_init (AgentSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = agent_sandbox_get_property;
  object_class->dispose = agent_sandbox_dispose;
  object_class->finalize = agent_sandbox_finalize;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
agent_sandbox_init (AgentSandbox *self)
{
}

/**
 * agent_sandbox_find_program:
 *
 * Looks for `babaihu-sandbox`: $BABAIHU_SANDBOX, next to this executable in the build tree
 * (`src/app/../sandbox/`), next to it when installed, BINDIR, then $PATH.
 *
 * Returns: (transfer full) (nullable): the path, or %NULL when there is none
 */
char *
agent_sandbox_find_program (void)
{
  const char *env = g_getenv ("BABAIHU_SANDBOX");
  g_autofree char *self_exe = NULL;
  g_autofree char *installed = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self_exe);
      g_autofree char *in_tree = g_build_filename (dir, "..", "sandbox", "babaihu-sandbox", NULL);
      g_autofree char *beside = g_build_filename (dir, "babaihu-sandbox", NULL);

      if (is_executable (in_tree))
        return g_steal_pointer (&in_tree);
      if (is_executable (beside))
        return g_steal_pointer (&beside);
    }

  installed = g_build_filename (BINDIR, "babaihu-sandbox", NULL);
  if (is_executable (installed))
    return g_steal_pointer (&installed);

  return g_find_program_in_path ("babaihu-sandbox");
}

AgentSandbox *
agent_sandbox_new (void)
{
  return g_object_new (AGENT_TYPE_SANDBOX, NULL);
}

static gboolean
on_start_timeout_cb (gpointer user_data)
{
  AgentSandbox *self = user_data;

  self->start_timeout_id = 0;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return G_SOURCE_REMOVE;
}

/**
 * agent_sandbox_start_async:
 * @self: a #AgentSandbox
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the sandbox listens, or failed to start
 * @user_data: data for @callback
 *
 * Starts `babaihu-sandbox --demo --simulate --port 0`; a running sandbox is reused.
 */
void
agent_sandbox_start_async (AgentSandbox        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = NULL;
  GInputStream *stdout_pipe;

  g_return_if_fail (AGENT_IS_SANDBOX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, agent_sandbox_start_async);

  if (self->process != NULL && self->url != NULL)
    {
      g_task_return_pointer (task, g_strdup (self->url), g_free);
      return;
    }

  program = agent_sandbox_find_program ();
  if (program == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The demo sandbox (babaihu-sandbox) is not installed."));
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  /* The simulator's own pace (a call every 20–60 s) can keep a person trying the demo
   * waiting past a minute for the first call; here one comes 15–40 s after checking in.
   * A pace set in the environment is kept. */
  g_subprocess_launcher_setenv (launcher, "BABAIHU_SANDBOX_SIM_MIN_MS",
                                G_STRINGIFY (DEMO_CALL_MIN_MS), FALSE);
  g_subprocess_launcher_setenv (launcher, "BABAIHU_SANDBOX_SIM_MAX_MS",
                                G_STRINGIFY (DEMO_CALL_MAX_MS), FALSE);
  agent_sandbox_stop (self);
  self->process = g_subprocess_launcher_spawn (launcher, &error, program,
                                               "--demo", "--simulate", "--port", "0", NULL);
  if (self->process == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The demo sandbox could not be started: %s"), error->message);
      return;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_subprocess_wait_async (self->process, NULL, on_wait_cb, g_object_ref (self));

  self->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled",
                             G_CALLBACK (g_cancellable_cancel), self->cancellable,
                             G_CONNECT_SWAPPED);
  self->start_timeout_id =
    g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, START_TIMEOUT_S, on_start_timeout_cb,
                                g_object_ref (self), g_object_unref);

  stdout_pipe = g_subprocess_get_stdout_pipe (self->process);
  self->output = g_data_input_stream_new (stdout_pipe);
  g_data_input_stream_read_line_async (self->output, G_PRIORITY_DEFAULT, self->cancellable,
                                       on_first_line_cb, g_steal_pointer (&task));
}

/**
 * agent_sandbox_start_finish:
 *
 * Returns: (transfer full): the sandbox's base URL, such as `http://127.0.0.1:41234`
 */
char *
agent_sandbox_start_finish (AgentSandbox  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
agent_sandbox_get_url (AgentSandbox *self)
{
  g_return_val_if_fail (AGENT_IS_SANDBOX (self), NULL);

  return self->process != NULL ? self->url : NULL;
}

gboolean
agent_sandbox_get_running (AgentSandbox *self)
{
  g_return_val_if_fail (AGENT_IS_SANDBOX (self), FALSE);

  return self->process != NULL;
}

/**
 * agent_sandbox_stop:
 * @self: a #AgentSandbox
 *
 * Ends the sandbox (SIGTERM) and forgets its URL.
 */
void
agent_sandbox_stop (AgentSandbox *self)
{
  g_return_if_fail (AGENT_IS_SANDBOX (self));

  g_clear_handle_id (&self->start_timeout_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->output);

  if (self->process != NULL)
    {
      g_subprocess_send_signal (self->process, SIGTERM);
      g_clear_object (&self->process);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
  g_clear_pointer (&self->url, g_free);
}

/* agent-reminders.c — follow-up reminders that survive restarts and fire on time
 *
 * A memo may carry a reminder (addMemo's nhtTime/nhtPhone). The server keeps it, but it never
 * tells a client when one is due, so the desktop keeps its own copy: a small SQLite table in
 * `$XDG_STATE_HOME/babaihu-agent/reminders.db`, owned by one worker thread so the main loop
 * never touches the disk. Reminders the agent set elsewhere come in through a bounded scan of
 * the agent's own memos at login (getMemos without a number).
 *
 * One timer runs, for the next reminder due. It never sleeps longer than a minute, so a clock
 * that jumped (suspend, NTP) is noticed; a resume from suspend re-arms it at once. At the time,
 * the application sends a notification with "Call now" (app.dial), and — while reminders are
 * pending and `run-in-background` is on — holds itself so that closing the window does not end
 * the process before they fire.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-reminders"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "agent-phone.h"
#include "agent-reminders-private.h"

/* The longest the timer sleeps before it looks at the wall clock again. */
#define MAX_TIMER_MS        60000
/* A reminder found overdue by more than this when the app starts is shown, not announced. */
#define STALE_MS            (G_GINT64_CONSTANT (24) * 3600 * 1000)

/* ---- the object ---- */

G_DEFINE_FINAL_TYPE (AgentReminders, agent_reminders, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  PROP_N_PENDING,
  PROP_HOLDING,
  N_PROPS
};

enum {
  SIGNAL_FIRED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void arm (AgentReminders *self);

void
agent_reminders_push_job (AgentReminders *self,
                          Job            *job)
{
  g_autoptr(GError) error = NULL;

  if (!g_thread_pool_push (self->pool, job, &error))
    {
      if (job->task != NULL)
        g_task_return_error (job->task, g_steal_pointer (&error));
      agent_reminders_job_free (job);
    }
}

static gboolean
is_pending (AgentReminders *self,
            AgentReminder  *reminder)
{
  return !agent_reminder_get_fired (reminder) &&
         agent_reminder_belongs_to (reminder, self->server, self->account);
}

AgentReminder *
agent_reminders_find_same (AgentReminders *self,
                           AgentReminder  *like)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->all));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AgentReminder) r = g_list_model_get_item (G_LIST_MODEL (self->all), i);

      if (agent_reminder_belongs_to (r, agent_reminder_get_server (like),
                                     agent_reminder_get_account (like)) &&
          ((agent_reminder_get_memo_id (like) != 0 &&
            agent_reminder_get_memo_id (r) == agent_reminder_get_memo_id (like)) ||
           (agent_reminder_get_due_ms (r) == agent_reminder_get_due_ms (like) &&
            g_str_equal (agent_reminder_get_customer_phone (r),
                         agent_reminder_get_customer_phone (like)) &&
            g_str_equal (agent_reminder_get_text (r), agent_reminder_get_text (like)))))
        return r;
    }

  return NULL;
}

static void
update_hold (AgentReminders *self)
{
  gboolean want = self->application != NULL && self->run_in_background &&
                  agent_reminders_get_n_pending (self) > 0;

  if (want == self->holding)
    return;

  self->holding = want;
  if (want)
    g_application_hold (self->application);
  else
    g_application_release (self->application);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOLDING]);
}

static void
notify (AgentReminders *self,
        AgentReminder  *reminder)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;
  const char *phone = agent_reminder_get_phone (reminder);
  const char *text = agent_reminder_get_text (reminder);

  if (self->application == NULL || !g_application_get_is_registered (self->application) ||
      g_application_get_is_remote (self->application))
    return;

  number = agent_phone_format (phone);
  /* Translators: a reminder's notification; %s is a phone number. */
  title = g_strdup_printf (_("Time to call %s"), number != NULL ? number : phone);
  notification = g_notification_new (title);
  if (text != NULL && *text != '\0')
    g_notification_set_body (notification, text);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (notification, "app.show-page", "s", "memos");
  g_notification_add_button_with_target (notification, _("Call Now"), "app.dial", "s", phone);

  id = g_strdup_printf ("reminder-%" G_GINT64_FORMAT, agent_reminder_get_id (reminder));
  g_application_send_notification (self->application, id, notification);
}

static void
fire (AgentReminders *self,
      AgentReminder  *reminder,
      gboolean        announce)
{
  Job *job;

  agent_reminder_set_fired (reminder, TRUE);

  job = g_new0 (Job, 1);
  job->type = JOB_SET_FIRED;
  job->id = agent_reminder_get_id (reminder);
  job->value = 1;
  agent_reminders_push_job (self, job);

  if (announce)
    {
      g_debug ("Reminder %" G_GINT64_FORMAT " for %s is due", agent_reminder_get_id (reminder),
               agent_reminder_get_phone (reminder));
      notify (self, reminder);
      g_signal_emit (self, signals[SIGNAL_FIRED], 0, reminder);
    }
}

static void
fire_due (AgentReminders *self)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = agent_reminders_now_ms ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->all));

  /* Collect first: firing changes the sorted model under us. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AgentReminder) r = g_list_model_get_item (G_LIST_MODEL (self->all), i);

      /* Half a second early is on time; the timer may wake a little before. */
      if (is_pending (self, r) && agent_reminder_get_due_ms (r) <= now + 500)
        g_ptr_array_add (due, g_steal_pointer (&r));
    }

  for (guint i = 0; i < due->len; i++)
    {
      AgentReminder *r = g_ptr_array_index (due, i);

      fire (self, r, agent_reminder_get_due_ms (r) > now - STALE_MS);
    }

  if (due->len > 0)
    {
      gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
    }
}

static gboolean
on_timer_cb (gpointer user_data)
{
  AgentReminders *self = user_data;

  self->timer_id = 0;
  fire_due (self);
  arm (self);
  return G_SOURCE_REMOVE;
}

static void
arm (AgentReminders *self)
{
  gint64 next;

  g_clear_handle_id (&self->timer_id, g_source_remove);

  next = agent_reminders_get_next_due_ms (self);
  if (next > 0 && self->loaded)
    {
      gint64 delay = CLAMP (next - agent_reminders_now_ms (), 0, MAX_TIMER_MS);

      self->timer_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) delay, on_timer_cb,
                                           self, NULL);
    }

  update_hold (self);
}

void
agent_reminders_add_to_memory (AgentReminders *self,
                               AgentReminder  *reminder)
{
  g_list_store_append (self->all, reminder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  arm (self);
}

/* Upcoming first, soonest on top; then the past ones, latest on top. */
static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  AgentReminder *x = (AgentReminder *) a;
  AgentReminder *y = (AgentReminder *) b;
  gboolean x_done = agent_reminder_get_fired (x);
  gboolean y_done = agent_reminder_get_fired (y);
  gint64 dx = agent_reminder_get_due_ms (x);
  gint64 dy = agent_reminder_get_due_ms (y);

  if (x_done != y_done)
    return x_done ? 1 : -1;
  if (dx == dy)
    return 0;
  if (!x_done)
    return dx < dy ? -1 : 1;
  return dx > dy ? -1 : 1;
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  AgentReminders *self = user_data;

  return agent_reminder_belongs_to (item, self->server, self->account);
}

static void
on_opened_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AgentReminders *self = AGENT_REMINDERS (object);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = g_task_propagate_pointer (G_TASK (result), &error);
  if (rows == NULL)
    {
      g_warning ("Reminders cannot be kept: %s", error->message);
      g_free (self->error);
      self->error = g_strdup (error->message);
    }
  else
    {
      /* Adds made while the database opened are in memory already, after these rows. */
      for (guint i = 0; i < rows->len; i++)
        if (agent_reminders_find_same (self, g_ptr_array_index (rows, i)) == NULL)
          g_list_store_insert (self->all, i, g_ptr_array_index (rows, i));
    }

  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  fire_due (self);
  arm (self);
}

static void
on_sleep_cb (GDBusConnection *connection,
             const char      *sender,
             const char      *path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  AgentReminders *self = user_data;
  gboolean going_to_sleep = TRUE;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    g_variant_get (parameters, "(b)", &going_to_sleep);

  /* Back from suspend: the monotonic timer slept too; look at the wall clock now. */
  if (!going_to_sleep)
    {
      fire_due (self);
      arm (self);
    }
}

static void
on_system_bus_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AgentReminders) self = user_data;
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);

  if (bus == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus, resuming from suspend re-arms within a minute: %s",
                 error->message);
      return;
    }

  self->system_bus = bus;
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_sleep_cb, self, NULL);
}

static void
agent_reminders_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AgentReminders *self = AGENT_REMINDERS (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_N_PENDING:
      g_value_set_uint (value, agent_reminders_get_n_pending (self));
      break;
    case PROP_HOLDING:
      g_value_set_boolean (value, self->holding);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_reminders_dispose (GObject *object)
{
  AgentReminders *self = AGENT_REMINDERS (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  agent_reminders_set_application (self, NULL);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->system_bus != NULL && self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_clear_object (&self->system_bus);

  /* Let the writes still queued reach the disk, so a new store on the same file sees them. */
  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
  g_clear_pointer (&self->store, agent_reminders_store_free);

  g_clear_object (&self->model);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->all);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (agent_reminders_parent_class)->dispose (object);
}

static void
agent_reminders_finalize (GObject *object)
{
  AgentReminders *self = AGENT_REMINDERS (object);

  g_free (self->path);
  g_free (self->server);
  g_free (self->account);
  g_free (self->error);

  G_OBJECT_CLASS (agent_reminders_parent_class)->finalize (object);
}

static void
agent_reminders_class_init (AgentRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = agent_reminders_get_property;
  object_class->dispose = agent_reminders_dispose;
  object_class->finalize = agent_reminders_finalize;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOLDING] =
    g_param_spec_boolean ("holding", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AgentReminders::fired:
   * @self: the reminders
   * @reminder: the #AgentReminder that is due
   *
   * A reminder came due; the notification was sent (when there is an application).
   */
  signals[SIGNAL_FIRED] =
    g_signal_new ("fired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AGENT_TYPE_REMINDER);
}

static void
agent_reminders_init (AgentReminders *self)
{
  self->all = g_list_store_new (AGENT_TYPE_REMINDER);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->sorter = gtk_custom_sorter_new (compare_cb, NULL, NULL);
  self->model = gtk_sort_list_model_new (
    G_LIST_MODEL (gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->all)),
                                             GTK_FILTER (g_object_ref (self->filter)))),
    GTK_SORTER (g_object_ref (self->sorter)));
  self->cancellable = g_cancellable_new ();
  self->run_in_background = TRUE;
}

/**
 * agent_reminders_dup_default_path:
 *
 * Returns: (transfer full): `$XDG_STATE_HOME/babaihu-agent/reminders.db`
 */
char *
agent_reminders_dup_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "babaihu-agent", "reminders.db", NULL);
}

/**
 * agent_reminders_new:
 * @path: (nullable): the database file; %NULL is agent_reminders_dup_default_path()
 *
 * The database is opened and read off the main loop; #AgentReminders:loaded turns %TRUE once
 * it was. Reminders added meanwhile are kept and written after it opened.
 *
 * Returns: (transfer full): the reminders
 */
AgentReminders *
agent_reminders_new (const char *path)
{
  AgentReminders *self = g_object_new (AGENT_TYPE_REMINDERS, NULL);
  g_autoptr(GError) error = NULL;
  GTask *task;
  Job *job;

  self->path = path != NULL ? g_strdup (path) : agent_reminders_dup_default_path ();
  self->store = g_new0 (Store, 1);
  self->store->path = g_strdup (self->path);
  /* One thread: jobs run in the order they were pushed, against a handle only it uses. */
  self->pool = g_thread_pool_new (agent_reminders_run_job, self->store, 1, FALSE, &error);
  g_assert_no_error (error);

  task = g_task_new (self, self->cancellable, on_opened_cb, NULL);
  g_task_set_source_tag (task, agent_reminders_new);
  job = g_new0 (Job, 1);
  job->type = JOB_OPEN;
  job->task = task;
  agent_reminders_push_job (self, job);

  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus_cb, g_object_ref (self));

  return self;
}

static void
on_logged_in_cb (AgentReminders *self,
                 GParamSpec     *pspec,
                 AgentSession   *session)
{
  if (!agent_session_get_logged_in (session))
    {
      agent_reminders_set_account (self, NULL, NULL);
      return;
    }

  agent_reminders_set_account (self, agent_session_get_server (session),
                               agent_session_get_account (session));
  agent_reminders_sync_async (self, agent_session_get_client (session),
                              agent_session_get_cancellable (session), NULL, NULL);
}

static void
on_run_in_background_cb (AgentReminders *self,
                         const char     *key,
                         GSettings      *settings)
{
  agent_reminders_set_run_in_background (self, g_settings_get_boolean (settings, key));
}

static void
on_shutdown_cb (AgentReminders *self,
                GApplication   *application)
{
  agent_reminders_set_application (self, NULL);
}

/**
 * agent_reminders_install:
 * @application: the application
 * @session: its session
 * @settings: the `org.babaihu.Agent` settings
 *
 * Creates the application's reminders (once): they follow @session's account, sync from the
 * server at each login, notify through @application and hold it while reminders are pending
 * and `run-in-background` is on.
 *
 * Returns: (transfer none): the application's reminders
 */
AgentReminders *
agent_reminders_install (GtkApplication *application,
                         AgentSession   *session,
                         GSettings      *settings)
{
  AgentReminders *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (AGENT_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = agent_reminders_get_for_application (G_APPLICATION (application));
  if (self != NULL)
    return self;

  self = agent_reminders_new (NULL);
  g_object_set_data_full (G_OBJECT (application), "agent-reminders", self, g_object_unref);

  agent_reminders_set_application (self, G_APPLICATION (application));
  g_signal_connect_object (application, "shutdown", G_CALLBACK (on_shutdown_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (settings, "changed::run-in-background",
                           G_CALLBACK (on_run_in_background_cb), self, G_CONNECT_SWAPPED);
  on_run_in_background_cb (self, "run-in-background", settings);

  g_signal_connect_object (session, "notify::logged-in", G_CALLBACK (on_logged_in_cb), self,
                           G_CONNECT_SWAPPED);
  if (agent_session_get_logged_in (session))
    on_logged_in_cb (self, NULL, session);

  return self;
}

/**
 * agent_reminders_get_for_application:
 *
 * Returns: (transfer none) (nullable): what agent_reminders_install() made for @application
 */
AgentReminders *
agent_reminders_get_for_application (GApplication *application)
{
  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);

  if (application == NULL)
    return NULL;
  return g_object_get_data (G_OBJECT (application), "agent-reminders");
}

const char *
agent_reminders_get_path (AgentReminders *self)
{
  g_return_val_if_fail (AGENT_IS_REMINDERS (self), NULL);

  return self->path;
}

gboolean
agent_reminders_get_loaded (AgentReminders *self)
{
  g_return_val_if_fail (AGENT_IS_REMINDERS (self), FALSE);

  return self->loaded;
}

/**
 * agent_reminders_get_error:
 *
 * Returns: (nullable): why the database could not be used, in words
 */
const char *
agent_reminders_get_error (AgentReminders *self)
{
  g_return_val_if_fail (AGENT_IS_REMINDERS (self), NULL);

  return self->error;
}

/**
 * agent_reminders_set_account:
 * @self: the reminders
 * @server: (nullable): the server the agent is logged in to; %NULL when logged out
 * @account: (nullable): the agent's account
 *
 * Only the logged-in agent's reminders are shown and fire.
 */
void
agent_reminders_set_account (AgentReminders *self,
                             const char     *server,
                             const char     *account)
{
  g_return_if_fail (AGENT_IS_REMINDERS (self));

  if (g_strcmp0 (self->server, server) == 0 && g_strcmp0 (self->account, account) == 0)
    return;

  g_free (self->server);
  g_free (self->account);
  self->server = server != NULL && account != NULL ? g_strdup (server) : NULL;
  self->account = server != NULL && account != NULL ? g_strdup (account) : NULL;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  if (self->loaded)
    fire_due (self);
  arm (self);
}

/**
 * agent_reminders_set_application:
 * @self: the reminders
 * @application: (nullable): what sends the notifications and is held while reminders wait
 */
void
agent_reminders_set_application (AgentReminders *self,
                                 GApplication   *application)
{
  g_return_if_fail (AGENT_IS_REMINDERS (self));
  g_return_if_fail (application == NULL || G_IS_APPLICATION (application));

  if (self->application == application)
    return;

  if (self->holding && self->application != NULL)
    {
      g_application_release (self->application);
      self->holding = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOLDING]);
    }
  if (self->application != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);

  self->application = application;
  if (application != NULL)
    g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);

  update_hold (self);
}

void
agent_reminders_set_run_in_background (AgentReminders *self,
                                       gboolean        run_in_background)
{
  g_return_if_fail (AGENT_IS_REMINDERS (self));

  self->run_in_background = !!run_in_background;
  update_hold (self);
}

/**
 * agent_reminders_get_holding:
 *
 * Returns: whether the application is held for pending reminders
 */
gboolean
agent_reminders_get_holding (AgentReminders *self)
{
  g_return_val_if_fail (AGENT_IS_REMINDERS (self), FALSE);

  return self->holding;
}

/**
 * agent_reminders_get_model:
 *
 * Returns: (transfer none): the logged-in agent's #AgentReminder items, the upcoming ones
 *   first (soonest on top), then the past ones (latest on top)
 */
GListModel *
agent_reminders_get_model (AgentReminders *self)
{
  g_return_val_if_fail (AGENT_IS_REMINDERS (self), NULL);

  return G_LIST_MODEL (self->model);
}

guint
agent_reminders_get_n_pending (AgentReminders *self)
{
  guint n, pending = 0;

  g_return_val_if_fail (AGENT_IS_REMINDERS (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->all));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AgentReminder) r = g_list_model_get_item (G_LIST_MODEL (self->all), i);

      if (is_pending (self, r))
        pending++;
    }

  return pending;
}

/**
 * agent_reminders_get_next_due_ms:
 *
 * Returns: when the next pending reminder is due (Unix ms), or 0 when none is
 */
gint64
agent_reminders_get_next_due_ms (AgentReminders *self)
{
  gint64 next = 0;
  guint n;

  g_return_val_if_fail (AGENT_IS_REMINDERS (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->all));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AgentReminder) r = g_list_model_get_item (G_LIST_MODEL (self->all), i);
      gint64 due = agent_reminder_get_due_ms (r);

      if (is_pending (self, r) && (next == 0 || due < next))
        next = due;
    }

  return next;
}

/**
 * agent_reminders_rearm:
 *
 * Fires what is due by the wall clock now and re-arms the timer, e.g. after a resume.
 */
void
agent_reminders_rearm (AgentReminders *self)
{
  g_return_if_fail (AGENT_IS_REMINDERS (self));

  if (self->loaded)
    fire_due (self);
  arm (self);
}

/* ---- adding ---- */

static void
on_inserted_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AgentReminders *self = AGENT_REMINDERS (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(AgentReminder) stored = NULL;
  g_autoptr(GError) error = NULL;
  AgentReminder *same;

  stored = g_task_propagate_pointer (G_TASK (result), &error);
  if (stored == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  same = agent_reminders_find_same (self, stored);
  if (same == NULL)
    {
      agent_reminders_add_to_memory (self, stored);
      same = stored;
    }

  g_task_return_pointer (task, g_object_ref (same), g_object_unref);
}

static void
insert (AgentReminders *self,
        AgentReminder  *reminder,
        GTask          *task)
{
  GTask *inner = g_task_new (self, NULL, on_inserted_cb, g_object_ref (task));
  Job *job = g_new0 (Job, 1);

  g_task_set_source_tag (inner, insert);
  job->type = JOB_INSERT;
  job->task = inner;
  job->reminder = g_object_ref (reminder);
  agent_reminders_push_job (self, job);
}

/**
 * agent_reminders_add_async:
 * @self: the reminders
 * @phone: the number to call
 * @customer_phone: (nullable): the number the memo is about; %NULL is @phone
 * @text: (nullable): the memo
 * @due: when to remind the agent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the reminder is on disk
 * @user_data: data for @callback
 *
 * Keeps a reminder for the logged-in agent. Adding the same one twice keeps one.
 */
void
agent_reminders_add_async (AgentReminders      *self,
                           const char          *phone,
                           const char          *customer_phone,
                           const char          *text,
                           GDateTime           *due,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(AgentReminder) reminder = NULL;
  AgentReminder *same;

  g_return_if_fail (AGENT_IS_REMINDERS (self));
  g_return_if_fail (phone != NULL);
  g_return_if_fail (due != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, agent_reminders_add_async);

  if (self->account == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("Log in to set reminders."));
      return;
    }

  /* Whole seconds, as the server keeps nhtTime: the same reminder synced back matches. */
  reminder = agent_reminder_new (0, self->server, self->account, phone, customer_phone, text,
                                 g_date_time_to_unix (due) * 1000, 0, FALSE);
  same = agent_reminders_find_same (self, reminder);
  if (same != NULL)
    {
      g_task_return_pointer (task, g_object_ref (same), g_object_unref);
      return;
    }

  insert (self, reminder, task);
}

/**
 * agent_reminders_add_finish:
 *
 * Returns: (transfer full): the stored reminder
 */
AgentReminder *
agent_reminders_add_finish (AgentReminders  *self,
                            GAsyncResult    *result,
                            GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

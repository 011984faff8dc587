/* agent-outbox.c — the durable queue every write of the agent goes through
 *
 * A memo typed during a call must survive a server outage, a crash and kill -9. Every write
 * is therefore committed to a SQLite database before anything is sent, and removed only after
 * the server confirmed it. The database belongs to one worker thread: the main loop queues
 * jobs and gets the results back in its own context, so it never waits on the disk.
 *
 * Durability: WAL with synchronous=FULL. NORMAL would survive a crash of the application but
 * may lose the last commits on a power cut or a kernel crash, and the pop-up tells the agent
 * "saved" the moment a memo is committed. Writes are a handful per call, on the worker, so
 * one fsync each costs nothing the agent can notice.
 *
 * Exactly once: an entry is marked in flight (committed) before it is sent. One found in
 * flight later — after a crash, a cancelled request or a timeout — may or may not have
 * reached the server, so it is checked against the server first (a memo: getMemos for the
 * number, same text at about the same time; a customer: getcustomer, same fields) and only
 * sent again when it is not there. Lock, sale status, call-record and SMS-record writes are
 * idempotent on the server and are simply sent again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-outbox"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "agent-outbox-private.h"
#include "agent-trace.h"

#define RETRY_DELAY_DEFAULT_MS  1000
#define RETRY_DELAY_MAX_MS      30000

G_DEFINE_ENUM_TYPE (AgentOutboxKind, agent_outbox_kind,
  G_DEFINE_ENUM_VALUE (AGENT_OUTBOX_KIND_MEMO, "memo"),
  G_DEFINE_ENUM_VALUE (AGENT_OUTBOX_KIND_CUSTOMER_SAVE, "customer-save"),
  G_DEFINE_ENUM_VALUE (AGENT_OUTBOX_KIND_CUSTOMER_LOCK, "customer-lock"),
  G_DEFINE_ENUM_VALUE (AGENT_OUTBOX_KIND_CUSTOMER_SALES, "customer-sales"),
  G_DEFINE_ENUM_VALUE (AGENT_OUTBOX_KIND_CDR_RECORD, "cdr-record"),
  G_DEFINE_ENUM_VALUE (AGENT_OUTBOX_KIND_SMS_RECORD, "sms-record"))

struct _AgentOutbox
{
  GObject       parent_instance;

  /* Owned */
  AgentOutboxStore        *store;
  char         *path;
  BbhClient    *client;
  char         *account;         /* the entries of this account are delivered */
  GHashTable   *watermarks;      /* feed → gint64* */
  GCancellable *cancellable;     /* the current delivery; replaced with the client */
  AgentOutboxEntry        *current;
  char         *last_error;
  guint         retry_source;

  guint         pending;
  guint         failed;
  guint         retry_delay_initial;
  guint         retry_delay;
  guint         ready : 1;
  guint         busy : 1;
  guint         stalled : 1;
};

static void agent_outbox_async_initable_iface_init (GAsyncInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentOutbox, agent_outbox, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_ASYNC_INITABLE,
                                                      agent_outbox_async_initable_iface_init))

enum
{
  PROP_0,
  PROP_PATH,
  PROP_CLIENT,
  PROP_PENDING,
  PROP_FAILED,
  PROP_STALLED,
  PROP_LAST_ERROR,
  PROP_RETRY_DELAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_DELIVERED,
  SIGNAL_ENTRY_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void deliver_next (AgentOutbox *self);

/* ---- jobs from the main thread ---- */

static AgentOutboxJob *
job_new (AgentOutbox         *self,
         AgentOutboxJobType              type,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data,
         gpointer             source_tag)
{
  AgentOutboxJob *job = g_new0 (AgentOutboxJob, 1);

  job->type = type;
  job->account = g_strdup (self->account);
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);
  job->context = g_main_context_ref_thread_default ();
  return job;
}

static void
set_counts (AgentOutbox *self,
            guint        pending,
            guint        failed)
{
  if (self->pending != pending)
    {
      self->pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
  if (self->failed != failed)
    {
      self->failed = failed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
    }
}

/* Counts belong to the account they were taken for; a result for another is stale. */
static void
take_counts (AgentOutbox *self,
             AgentOutboxJob         *job)
{
  if (g_strcmp0 (job->account, self->account) == 0)
    set_counts (self, job->pending, job->failed);
}

static void
set_stalled (AgentOutbox *self,
             gboolean     stalled,
             const char  *message)
{
  if (self->stalled != !!stalled)
    {
      self->stalled = !!stalled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALLED]);
    }
  if (g_strcmp0 (self->last_error, message) != 0)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
    }
}

static void
on_counts_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AgentOutbox *self = AGENT_OUTBOX (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(AgentOutboxJob) job = g_task_propagate_pointer (G_TASK (result), &error);

  if (job == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  take_counts (self, job);
}

static void
refresh_counts (AgentOutbox *self)
{
  agent_outbox_store_push (self->store, job_new (self, OUTBOX_JOB_COUNT, NULL, on_counts_cb, NULL, refresh_counts));
}

/* ---- delivery ---- */

static gboolean
on_retry_cb (gpointer user_data)
{
  AgentOutbox *self = user_data;

  self->retry_source = 0;
  deliver_next (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (AgentOutbox *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_source = g_timeout_add (self->retry_delay, on_retry_cb, self);
  self->retry_delay = MIN (self->retry_delay * 2, RETRY_DELAY_MAX_MS);
}

/* The delivery of the current entry is over, one way or the other: go on with the next. */
static void
finish_current (AgentOutbox *self)
{
  g_clear_pointer (&self->current, agent_outbox_entry_free);
  self->busy = FALSE;
  deliver_next (self);
}

static void
on_deleted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AgentOutbox *self = AGENT_OUTBOX (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(AgentOutboxJob) job = g_task_propagate_pointer (G_TASK (result), &error);

  if (job == NULL)
    {
      /* Still in flight on disk: the next attempt checks the server before sending. */
      g_warning ("%s", error->message);
      set_stalled (self, TRUE, error->message);
      self->busy = FALSE;
      schedule_retry (self);
      return;
    }

  take_counts (self, job);
  set_stalled (self, FALSE, NULL);
  self->retry_delay = self->retry_delay_initial;

  AGENT_TRACE ("outbox-delivered",
               "kind", g_variant_new_string (agent_outbox_kind_to_string (self->current->kind)),
               "phone", g_variant_new_string (self->current->phone),
               "id", g_variant_new_int64 (self->current->id),
               NULL);
  g_signal_emit (self, signals[SIGNAL_DELIVERED], 0,
                 self->current->id, self->current->kind, self->current->phone);
  finish_current (self);
}

static void
on_failed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AgentOutbox *self = AGENT_OUTBOX (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = user_data;
  g_autoptr(AgentOutboxJob) job = g_task_propagate_pointer (G_TASK (result), &error);

  if (job == NULL)
    {
      g_warning ("%s", error->message);
      self->busy = FALSE;
      schedule_retry (self);
      return;
    }

  take_counts (self, job);
  g_signal_emit (self, signals[SIGNAL_ENTRY_FAILED], 0,
                 self->current->id, self->current->kind, self->current->phone, message);
  finish_current (self);
}

static void
entry_delivered (AgentOutbox *self)
{
  AgentOutboxJob *job = job_new (self, OUTBOX_JOB_DELETE, NULL, on_deleted_cb, NULL, entry_delivered);

  job->id = self->current->id;
  agent_outbox_store_push (self->store, job);
}

/* Every outcome of a request about the current entry goes through here. */
static void
entry_error (AgentOutbox *self,
             GError      *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The client changed or the outbox is going away: the entry stays in flight on disk
       * and is checked against the server next time. */
      g_clear_pointer (&self->current, agent_outbox_entry_free);
      self->busy = FALSE;
      if (self->client != NULL && !g_cancellable_is_cancelled (self->cancellable))
        deliver_next (self);
      return;
    }

  /* An authentication error is the account's, not the entry's, and a certificate that does
   * not verify is the address's (nothing was sent): keep it and wait for the right one. */
  if (bbh_error_is_transient (error) || g_error_matches (error, BBH_ERROR, BBH_ERROR_AUTH) ||
      g_error_matches (error, BBH_ERROR, BBH_ERROR_TLS) || error->domain != BBH_ERROR)
    {
      g_debug ("Delivery of entry %" G_GINT64_FORMAT " failed, retrying in %u ms: %s",
               self->current->id, self->retry_delay, error->message);
      g_clear_pointer (&self->current, agent_outbox_entry_free);
      self->busy = FALSE;
      set_stalled (self, TRUE, error->message);
      schedule_retry (self);
      return;
    }

  {
    AgentOutboxJob *job = job_new (self, OUTBOX_JOB_FAIL, NULL, on_failed_cb, g_strdup (error->message),
                        entry_error);

    g_message ("The server refused entry %" G_GINT64_FORMAT " (%s): %s", self->current->id,
               agent_outbox_kind_to_string (self->current->kind), error->message);
    job->id = self->current->id;
    job->message = g_strdup (error->message);
    agent_outbox_store_push (self->store, job);
  }
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AgentOutbox) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!agent_outbox_send_finish (result, &error))
    entry_error (self, error);
  else
    entry_delivered (self);
}

static void
send_entry (AgentOutbox *self)
{
  agent_outbox_send_async (self->client, self->current, self->cancellable, on_sent_cb,
                           g_object_ref (self));
}

static void
on_verified_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AgentOutbox) self = user_data;
  g_autoptr(GError) error = NULL;

  if (agent_outbox_verify_finish (result, &error))
    {
      g_message ("Entry %" G_GINT64_FORMAT " reached the server before; not sending it again",
                 self->current->id);
      entry_delivered (self);
    }
  else if (error != NULL)
    entry_error (self, error);
  else
    send_entry (self);
}

static void
verify_entry (AgentOutbox *self)
{
  agent_outbox_verify_async (self->client, self->current, self->cancellable, on_verified_cb,
                             g_object_ref (self));
}

static void
on_next_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AgentOutbox *self = AGENT_OUTBOX (object);
  GCancellable *cancellable = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AgentOutboxJob) job = g_task_propagate_pointer (G_TASK (result), &error);

  if (job == NULL)
    {
      g_warning ("%s", error->message);
      self->busy = FALSE;
      set_stalled (self, TRUE, error->message);
      schedule_retry (self);
      return;
    }

  if (job->entry == NULL)
    {
      self->busy = FALSE;
      return;
    }

  self->current = g_steal_pointer (&job->entry);

  if (g_cancellable_is_cancelled (cancellable) || self->client == NULL)
    {
      g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "");
      entry_error (self, cancelled);
      return;
    }

  if (self->current->verify)
    verify_entry (self);
  else
    send_entry (self);
}

static void
deliver_next (AgentOutbox *self)
{
  AgentOutboxJob *job;

  if (!self->ready || self->busy || self->client == NULL || self->account == NULL ||
      self->retry_source != 0)
    return;

  self->busy = TRUE;
  job = job_new (self, OUTBOX_JOB_NEXT, NULL, on_next_cb, self->cancellable, deliver_next);
  /* The task keeps the cancellable that was current when the entry was picked. */
  g_task_set_task_data (job->task, g_object_ref (self->cancellable), g_object_unref);
  agent_outbox_store_push (self->store, job);
}

/* ---- adding ---- */

static void
on_added_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AgentOutbox *self = AGENT_OUTBOX (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(AgentOutboxJob) job = g_task_propagate_pointer (G_TASK (result), &error);

  if (job == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  take_counts (self, job);
  g_task_return_int (task, job->entry->id);
  deliver_next (self);
}

/**
 * agent_outbox_add_async:
 * @self: an #AgentOutbox
 * @kind: what the entry asks the server to do
 * @phone: (nullable): the number it is about
 * @payload: (transfer none): the entry's fields, as the kind's sender reads them
 * @cancellable: (nullable): a #GCancellable; cancelling does not undo a commit
 * @callback: called once the entry is committed to disk
 * @user_data: data for @callback
 *
 * Stores an entry for the account of the current client and starts delivering it.
 */
void
agent_outbox_add_async (AgentOutbox         *self,
                        AgentOutboxKind      kind,
                        const char          *phone,
                        JsonObject          *payload,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(JsonNode) node = NULL;
  GTask *task;
  AgentOutboxJob *job;

  g_return_if_fail (AGENT_IS_OUTBOX (self));
  g_return_if_fail (payload != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, agent_outbox_add_async);

  if (self->account == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("Log in before saving changes"));
      g_object_unref (task);
      return;
    }

  node = json_node_init_object (json_node_alloc (), payload);

  job = job_new (self, OUTBOX_JOB_ADD, NULL, on_added_cb, task, agent_outbox_add_async);
  job->entry = g_new0 (AgentOutboxEntry, 1);
  job->entry->kind = kind;
  job->entry->phone = g_strdup (phone);
  job->entry->payload = json_to_string (node, FALSE);
  job->entry->created_ms = g_get_real_time () / 1000;
  agent_outbox_store_push (self->store, job);
}

/**
 * agent_outbox_add_finish:
 * @self: an #AgentOutbox
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: the entry's id, or 0 with @error set when it could not be stored
 */
gint64
agent_outbox_add_finish (AgentOutbox   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (AGENT_IS_OUTBOX (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return g_task_propagate_int (G_TASK (result), error);
}

/* ---- GAsyncInitable ---- */

static void
on_opened_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AgentOutbox *self = AGENT_OUTBOX (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(AgentOutboxJob) job = g_task_propagate_pointer (G_TASK (result), &error);

  if (job == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_clear_pointer (&self->watermarks, g_hash_table_unref);
  self->watermarks = g_steal_pointer (&job->watermarks);
  self->ready = TRUE;
  take_counts (self, job);

  /* A client set while opening gets its own counts. */
  if (self->account != NULL && g_strcmp0 (job->account, self->account) != 0)
    refresh_counts (self);

  g_task_return_boolean (task, TRUE);
  deliver_next (self);
}

static void
agent_outbox_init_async (GAsyncInitable      *initable,
                         int                  io_priority,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  AgentOutbox *self = AGENT_OUTBOX (initable);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, agent_outbox_init_async);
  agent_outbox_store_push (self->store, job_new (self, OUTBOX_JOB_OPEN, NULL, on_opened_cb, task,
                                    agent_outbox_init_async));
}

static gboolean
agent_outbox_init_finish (GAsyncInitable  *initable,
                          GAsyncResult    *result,
                          GError         **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
agent_outbox_async_initable_iface_init (GAsyncInitableIface *iface)
{
  iface->init_async = agent_outbox_init_async;
  iface->init_finish = agent_outbox_init_finish;
}

/* ---- GObject ---- */

static void
agent_outbox_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AgentOutbox *self = AGENT_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;
    case PROP_FAILED:
      g_value_set_uint (value, self->failed);
      break;
    case PROP_STALLED:
      g_value_set_boolean (value, self->stalled);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_RETRY_DELAY:
      g_value_set_uint (value, self->retry_delay_initial);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_outbox_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AgentOutbox *self = AGENT_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_CLIENT:
      agent_outbox_set_client (self, g_value_get_object (value));
      break;
    case PROP_RETRY_DELAY:
      agent_outbox_set_retry_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_outbox_constructed (GObject *object)
{
  AgentOutbox *self = AGENT_OUTBOX (object);

  G_OBJECT_CLASS (agent_outbox_parent_class)->constructed (object);

  if (self->path == NULL)
    self->path = agent_outbox_dup_default_path ();
  self->store = agent_outbox_store_new (self->path);
}

static void
agent_outbox_dispose (GObject *object)
{
  AgentOutbox *self = AGENT_OUTBOX (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (agent_outbox_parent_class)->dispose (object);
}

static void
agent_outbox_finalize (GObject *object)
{
  AgentOutbox *self = AGENT_OUTBOX (object);

  /* Waits for the commits already queued: they are what the agent was promised. */
  g_clear_pointer (&self->store, agent_outbox_store_free);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->current, agent_outbox_entry_free);
  g_clear_pointer (&self->watermarks, g_hash_table_unref);
  g_free (self->path);
  g_free (self->account);
  g_free (self->last_error);

  G_OBJECT_CLASS (agent_outbox_parent_class)->finalize (object);
}

static void
agent_outbox_class_init (AgentOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = agent_outbox_get_property;
  object_class->set_property = agent_outbox_set_property;
  object_class->constructed = agent_outbox_constructed;
  object_class->dispose = agent_outbox_dispose;
  object_class->finalize = agent_outbox_finalize;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, BBH_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILED] =
    g_param_spec_uint ("failed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STALLED] =
    g_param_spec_boolean ("stalled", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRY_DELAY] =
    g_param_spec_uint ("retry-delay", NULL, NULL, 10, RETRY_DELAY_MAX_MS,
                       RETRY_DELAY_DEFAULT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AgentOutbox::delivered:
   * @self: the outbox
   * @id: the entry's id
   * @kind: an #AgentOutboxKind
   * @phone: the number the entry was about
   *
   * The server confirmed an entry and it was removed from the queue.
   */
  signals[SIGNAL_DELIVERED] =
    g_signal_new ("delivered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_INT64, AGENT_TYPE_OUTBOX_KIND, G_TYPE_STRING);

  /**
   * AgentOutbox::entry-failed:
   * @self: the outbox
   * @id: the entry's id
   * @kind: an #AgentOutboxKind
   * @phone: the number the entry was about
   * @message: why the server refused it, in words
   *
   * The server refused an entry for good; it stays in the database, marked failed, and is
   * not retried until agent_outbox_retry_failed().
   */
  signals[SIGNAL_ENTRY_FAILED] =
    g_signal_new ("entry-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 4, G_TYPE_INT64, AGENT_TYPE_OUTBOX_KIND, G_TYPE_STRING,
                  G_TYPE_STRING);
}

static void
agent_outbox_init (AgentOutbox *self)
{
  self->cancellable = g_cancellable_new ();
  self->retry_delay_initial = RETRY_DELAY_DEFAULT_MS;
  self->retry_delay = RETRY_DELAY_DEFAULT_MS;
  self->watermarks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ---- public API ---- */

/**
 * agent_outbox_kind_to_string:
 * @kind: an #AgentOutboxKind
 *
 * Returns: the kind's nick, as stored in the database (`memo`, `customer-save`, …)
 */
const char *
agent_outbox_kind_to_string (AgentOutboxKind kind)
{
  switch (kind)
    {
    case AGENT_OUTBOX_KIND_MEMO:
      return "memo";
    case AGENT_OUTBOX_KIND_CUSTOMER_SAVE:
      return "customer-save";
    case AGENT_OUTBOX_KIND_CUSTOMER_LOCK:
      return "customer-lock";
    case AGENT_OUTBOX_KIND_CUSTOMER_SALES:
      return "customer-sales";
    case AGENT_OUTBOX_KIND_CDR_RECORD:
      return "cdr-record";
    case AGENT_OUTBOX_KIND_SMS_RECORD:
      return "sms-record";
    default:
      return "unknown";
    }
}

/**
 * agent_outbox_dup_default_path:
 *
 * Returns: (transfer full): `$XDG_STATE_HOME/babaihu-agent/outbox.db`
 */
char *
agent_outbox_dup_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "babaihu-agent", "outbox.db", NULL);
}

/**
 * agent_outbox_new_async:
 * @path: (nullable): the database file; %NULL for agent_outbox_dup_default_path()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the database is open, on the worker thread's behalf
 * @user_data: data for @callback
 *
 * Opens (or creates) the outbox. Nothing is delivered until agent_outbox_set_client().
 */
void
agent_outbox_new_async (const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_async_initable_new_async (AGENT_TYPE_OUTBOX, G_PRIORITY_DEFAULT, cancellable,
                              callback, user_data, "path", path, NULL);
}

/**
 * agent_outbox_new_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the open outbox
 */
AgentOutbox *
agent_outbox_new_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_autoptr(GObject) source = g_async_result_get_source_object (result);
  GObject *object;

  object = g_async_initable_new_finish (G_ASYNC_INITABLE (source), result, error);
  return object != NULL ? AGENT_OUTBOX (object) : NULL;
}

const char *
agent_outbox_get_path (AgentOutbox *self)
{
  g_return_val_if_fail (AGENT_IS_OUTBOX (self), NULL);

  return self->path;
}

BbhClient *
agent_outbox_get_client (AgentOutbox *self)
{
  g_return_val_if_fail (AGENT_IS_OUTBOX (self), NULL);

  return self->client;
}

/**
 * agent_outbox_set_client:
 * @self: an #AgentOutbox
 * @client: (nullable): the logged-in client, or %NULL to stop delivering
 *
 * Entries are stored for, and delivered with, the account of @client; with %NULL they are
 * still stored for the last account, and wait. A request under way for the previous client
 * is cancelled; its entry is checked against the server next time.
 */
void
agent_outbox_set_client (AgentOutbox *self,
                         BbhClient   *client)
{
  g_return_if_fail (AGENT_IS_OUTBOX (self));
  g_return_if_fail (client == NULL || BBH_IS_CLIENT (client));

  if (self->client == client)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_delay = self->retry_delay_initial;

  g_set_object (&self->client, client);
  /* Logged out, the last account stays: a memo written after that is still kept for it and
   * goes out at its next login. */
  if (client != NULL)
    {
      g_free (self->account);
      self->account = g_strdup (bbh_client_get_account (client));
    }
  set_stalled (self, FALSE, NULL);

  if (self->ready)
    {
      refresh_counts (self);
      deliver_next (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

/**
 * agent_outbox_get_pending:
 * @self: an #AgentOutbox
 *
 * Returns: how many entries of the current account wait to be delivered (failed ones not
 *   counted)
 */
guint
agent_outbox_get_pending (AgentOutbox *self)
{
  g_return_val_if_fail (AGENT_IS_OUTBOX (self), 0);

  return self->pending;
}

/**
 * agent_outbox_get_failed:
 * @self: an #AgentOutbox
 *
 * Returns: how many entries the server refused for good
 */
guint
agent_outbox_get_failed (AgentOutbox *self)
{
  g_return_val_if_fail (AGENT_IS_OUTBOX (self), 0);

  return self->failed;
}

/**
 * agent_outbox_get_stalled:
 * @self: an #AgentOutbox
 *
 * Returns: %TRUE while the last attempt failed and a retry is scheduled
 */
gboolean
agent_outbox_get_stalled (AgentOutbox *self)
{
  g_return_val_if_fail (AGENT_IS_OUTBOX (self), FALSE);

  return self->stalled;
}

/**
 * agent_outbox_get_last_error:
 * @self: an #AgentOutbox
 *
 * Returns: (nullable): why delivery is stalled, in words
 */
const char *
agent_outbox_get_last_error (AgentOutbox *self)
{
  g_return_val_if_fail (AGENT_IS_OUTBOX (self), NULL);

  return self->last_error;
}

guint
agent_outbox_get_retry_delay (AgentOutbox *self)
{
  g_return_val_if_fail (AGENT_IS_OUTBOX (self), 0);

  return self->retry_delay_initial;
}

/**
 * agent_outbox_set_retry_delay:
 * @self: an #AgentOutbox
 * @initial_ms: the first back-off delay; it doubles on each failure up to 30 s
 */
void
agent_outbox_set_retry_delay (AgentOutbox *self,
                              guint        initial_ms)
{
  g_return_if_fail (AGENT_IS_OUTBOX (self));

  initial_ms = CLAMP (initial_ms, 10, RETRY_DELAY_MAX_MS);
  if (self->retry_delay_initial == initial_ms)
    return;

  self->retry_delay_initial = initial_ms;
  self->retry_delay = initial_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_DELAY]);
}

/**
 * agent_outbox_retry_now:
 * @self: an #AgentOutbox
 *
 * Skips the back-off wait — for when the connection is known to be back.
 */
void
agent_outbox_retry_now (AgentOutbox *self)
{
  g_return_if_fail (AGENT_IS_OUTBOX (self));

  self->retry_delay = self->retry_delay_initial;
  if (self->retry_source != 0)
    {
      g_clear_handle_id (&self->retry_source, g_source_remove);
      deliver_next (self);
    }
}

static void
on_requeued_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AgentOutbox *self = AGENT_OUTBOX (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(AgentOutboxJob) job = g_task_propagate_pointer (G_TASK (result), &error);

  if (job == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  take_counts (self, job);
  deliver_next (self);
}

/**
 * agent_outbox_retry_failed:
 * @self: an #AgentOutbox
 *
 * Queues the entries the server refused once more, in their original order.
 */
void
agent_outbox_retry_failed (AgentOutbox *self)
{
  g_return_if_fail (AGENT_IS_OUTBOX (self));

  if (self->account == NULL)
    return;

  agent_outbox_store_push (self->store, job_new (self, OUTBOX_JOB_REQUEUE_FAILED, NULL, on_requeued_cb, NULL,
                                    agent_outbox_retry_failed));
}

static char *
feed_key (const char *server,
          const char *account)
{
  return g_strdup_printf ("%s|%s", server != NULL ? server : "", account != NULL ? account : "");
}

/**
 * agent_outbox_get_watermark:
 * @self: an #AgentOutbox
 * @server: the server's base URL
 * @account: the account
 *
 * Reads the cache loaded when the outbox was opened; only in the moment before it is open
 * does it read the one row from the file itself (a read: nothing is written or synced).
 *
 * Returns: the stored event watermark for @server and @account, or -1 when none was stored
 *   (the first login there)
 */
gint64
agent_outbox_get_watermark (AgentOutbox *self,
                            const char  *server,
                            const char  *account)
{
  g_autofree char *feed = NULL;
  gint64 *value;

  g_return_val_if_fail (AGENT_IS_OUTBOX (self), -1);

  feed = feed_key (server, account);
  value = g_hash_table_lookup (self->watermarks, feed);
  if (value != NULL)
    return *value;

  /* Asked before the worker opened the database (a login that raced the start-up): the
   * stored value still counts, or calls that came while the application was closed would
   * be skipped instead of listed as missed. */
  if (!self->ready)
    return agent_outbox_store_read_watermark (self->path, feed);

  return -1;
}

/**
 * agent_outbox_set_watermark:
 * @self: an #AgentOutbox
 * @server: the server's base URL
 * @account: the account
 * @watermark: the event stream's watermark
 *
 * Stores @watermark for @server and @account. The write happens on the worker thread; quick
 * successive values are coalesced into one write.
 */
void
agent_outbox_set_watermark (AgentOutbox *self,
                            const char  *server,
                            const char  *account,
                            gint64       watermark)
{
  g_autofree char *feed = NULL;

  g_return_if_fail (AGENT_IS_OUTBOX (self));

  if (agent_outbox_get_watermark (self, server, account) == watermark)
    return;

  feed = feed_key (server, account);
  g_hash_table_insert (self->watermarks, g_strdup (feed), agent_outbox_int64_dup (watermark));
  agent_outbox_store_queue_watermark (self->store, feed, watermark);
}

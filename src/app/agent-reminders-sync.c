/* agent-reminders-sync.c — reminders set elsewhere, from the agent's own memos on the server
 *
 * The server keeps a memo's reminder (nhtIsHint, nhtTime, nhtPhone) but never says when one is
 * due; at login a bounded scan of the agent's own memos, newest first, takes in those still
 * ahead, so that a reminder set on another desktop fires here too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-reminders"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-reminders-private.h"

/* The scan of the agent's own memos at login. */
#define SYNC_PAGE_SIZE      100
#define SYNC_MAX_PAGES      10
#define SYNC_MAX_AGE_MS     (G_GINT64_CONSTANT (180) * 24 * 3600 * 1000)

typedef struct
{
  BbhClient *client;
  char      *server;
  char      *account;
  guint      start;
  guint      pages;
  guint      imported;
  guint      outstanding;  /* inserts not yet on disk */
  gboolean   scanned;
} SyncData;

static void
sync_data_free (SyncData *data)
{
  g_clear_object (&data->client);
  g_free (data->server);
  g_free (data->account);
  g_free (data);
}

/**
 * agent_reminders_parse_server_time:
 * @text: (nullable): a server time, `yyyy-mm-dd hh:mm[:ss]`
 *
 * Returns: (transfer full) (nullable): @text as a local time, or %NULL
 */
GDateTime *
agent_reminders_parse_server_time (const char *text)
{
  int y, mo, d, h, mi, s = 0;

  if (text == NULL || sscanf (text, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) < 5)
    return NULL;
  return g_date_time_new_local (y, mo, d, h, mi, s);
}

static void fetch_page (GTask *task);

/* Done once the scan is over and what it found is on disk and in the list. */
static void
maybe_finish_sync (GTask *task)
{
  SyncData *data = g_task_get_task_data (task);

  if (data->scanned && data->outstanding == 0)
    g_task_return_int (task, data->imported);
}

static void
on_sync_inserted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AgentReminders *self = AGENT_REMINDERS (object);
  g_autoptr(GTask) task = user_data;
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(AgentReminder) stored = NULL;
  g_autoptr(GError) error = NULL;

  data->outstanding--;
  stored = g_task_propagate_pointer (G_TASK (result), &error);
  if (stored == NULL)
    g_warning ("A reminder from the server could not be kept: %s", error->message);
  else if (agent_reminders_find_same (self, stored) == NULL)
    {
      agent_reminders_add_to_memory (self, stored);
      data->imported++;
    }

  maybe_finish_sync (task);
}

static void
import_memo (AgentReminders *self,
             GTask          *task,
             BbhMemo        *memo,
             gint64          now)
{
  SyncData *data = g_task_get_task_data (task);
  g_autofree char *hint = bbh_memo_dup_field (memo, "nhtIsHint");
  g_autofree char *time = NULL;
  g_autofree char *phone = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(AgentReminder) reminder = NULL;
  AgentReminder *same;
  gint64 due_ms;

  if (g_strcmp0 (hint, "1") != 0)
    return;

  time = bbh_memo_dup_field (memo, "nhtTime");
  due = agent_reminders_parse_server_time (time);
  if (due == NULL)
    return;
  due_ms = g_date_time_to_unix (due) * 1000;
  /* The past is not announced after the fact; only what is still ahead comes in. */
  if (due_ms <= now)
    return;

  phone = bbh_memo_dup_field (memo, "nhtPhone");
  if (phone == NULL || *phone == '\0')
    {
      g_free (phone);
      phone = g_strdup (bbh_memo_get_phone (memo));
    }
  if (phone == NULL || *phone == '\0')
    return;

  reminder = agent_reminder_new (0, data->server, data->account, phone,
                                 bbh_memo_get_phone (memo), bbh_memo_get_text (memo), due_ms,
                                 bbh_memo_get_id (memo), FALSE);
  same = agent_reminders_find_same (self, reminder);
  if (same != NULL)
    {
      /* Set here first: learn the server's id for it. */
      if (agent_reminder_get_memo_id (same) == 0 && agent_reminder_get_id (same) > 0)
        {
          Job *job = g_new0 (Job, 1);

          agent_reminder_set_memo_id (same, bbh_memo_get_id (memo));
          job->type = JOB_SET_MEMO_ID;
          job->id = agent_reminder_get_id (same);
          job->value = bbh_memo_get_id (memo);
          agent_reminders_push_job (self, job);
        }
      return;
    }

  {
    GTask *inner = g_task_new (self, NULL, on_sync_inserted_cb, g_object_ref (task));
    Job *job = g_new0 (Job, 1);

    g_task_set_source_tag (inner, import_memo);
    job->type = JOB_INSERT;
    job->task = inner;
    job->reminder = g_object_ref (reminder);
    data->outstanding++;
    agent_reminders_push_job (self, job);
  }
}

static void
on_memos_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AgentReminders *self = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(GListModel) memos = NULL;
  g_autoptr(GError) error = NULL;
  guint64 total = 0;
  gint64 now = agent_reminders_now_ms ();
  gint64 oldest = G_MAXINT64;
  guint n;

  memos = bbh_client_get_memos_finish (BBH_CLIENT (object), result, &total, &error);
  if (memos == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  n = g_list_model_get_n_items (memos);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbhMemo) memo = g_list_model_get_item (memos, i);
      g_autoptr(GDateTime) written = bbh_memo_dup_date_time (memo);

      import_memo (self, task, memo, now);
      if (written != NULL)
        oldest = MIN (oldest, g_date_time_to_unix (written) * 1000);
    }

  data->start += n;
  data->pages++;

  /* Newest first: stop at the end, after a bounded number of pages, or once the memos are
   * older than any reminder still worth having. */
  if (n < SYNC_PAGE_SIZE || data->start >= total || data->pages >= SYNC_MAX_PAGES ||
      oldest < now - SYNC_MAX_AGE_MS)
    {
      data->scanned = TRUE;
      maybe_finish_sync (task);
      return;
    }

  fetch_page (g_steal_pointer (&task));
}

static void
fetch_page (GTask *task)
{
  SyncData *data = g_task_get_task_data (task);

  bbh_client_get_memos_async (data->client, NULL, data->start, SYNC_PAGE_SIZE,
                              g_task_get_cancellable (task), on_memos_cb, task);
}

/**
 * agent_reminders_sync_async:
 * @self: the reminders
 * @client: the logged-in client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called when done
 * @user_data: data for @callback
 *
 * Takes in the reminders still ahead from the agent's own memos on the server (getMemos
 * without a number, newest first, a bounded number of pages), so that a reminder set on
 * another desktop fires here too.
 */
void
agent_reminders_sync_async (AgentReminders      *self,
                            BbhClient           *client,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SyncData *data;

  g_return_if_fail (AGENT_IS_REMINDERS (self));
  g_return_if_fail (BBH_IS_CLIENT (client));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, agent_reminders_sync_async);

  if (self->account == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("Log in to set reminders."));
      return;
    }

  data = g_new0 (SyncData, 1);
  data->client = g_object_ref (client);
  data->server = g_strdup (self->server);
  data->account = g_strdup (self->account);
  g_task_set_task_data (task, data, (GDestroyNotify) sync_data_free);

  fetch_page (g_steal_pointer (&task));
}

/**
 * agent_reminders_sync_finish:
 *
 * Returns: how many reminders came in, or 0 with @error set
 */
guint
agent_reminders_sync_finish (AgentReminders  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? (guint) n : 0;
}

/* agent-outbox-store.c — the outbox's database, owned by one worker thread
 *
 * The main loop never touches the disk: it pushes jobs on a queue, this thread runs them in
 * order against the SQLite handle it alone owns, and the result goes back to the context the
 * job came from. See agent-outbox.c for why the database is set up the way it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-outbox"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "agent-outbox-private.h"

void
agent_outbox_entry_free (AgentOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->phone);
  g_free (entry->payload);
  g_free (entry);
}

void
agent_outbox_job_free (AgentOutboxJob *job)
{
  g_clear_object (&job->task);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job->account);
  agent_outbox_entry_free (job->entry);
  g_free (job->message);
  g_clear_error (&job->error);
  g_clear_pointer (&job->watermarks, g_hash_table_unref);
  g_free (job);
}

gint64 *
agent_outbox_int64_dup (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

/* ---- the worker thread ---- */

static gboolean
store_exec (AgentOutboxStore       *store,
            const char  *sql,
            GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (store->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the outbox database: %s"),
                   message != NULL ? message : sqlite3_errmsg (store->db));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static void
store_set_error (AgentOutboxStore   *store,
                 GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not write the outbox database: %s"), sqlite3_errmsg (store->db));
}

static sqlite3_stmt *
store_prepare (AgentOutboxStore       *store,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      store_set_error (store, error);
      return NULL;
    }

  return stmt;
}

static gboolean
store_open (AgentOutboxStore       *store,
            GHashTable **out_watermarks,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (store->path);
  sqlite3_stmt *stmt;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  /* Memos are customer data: the file (and so its -wal and -shm) is the user's alone. */
  fd = g_open (store->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not open the outbox %s: %s"), store->path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (sqlite3_open_v2 (store->path, &store->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not open the outbox %s: %s"),
                   store->path, store->db != NULL ? sqlite3_errmsg (store->db) : "");
      g_clear_pointer (&store->db, sqlite3_close);
      return FALSE;
    }

  sqlite3_busy_timeout (store->db, 5000);

  if (!store_exec (store,
                   "PRAGMA journal_mode=WAL;"
                   "PRAGMA synchronous=FULL;"
                   "CREATE TABLE IF NOT EXISTS entries ("
                   "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                   "  account TEXT NOT NULL,"
                   "  kind TEXT NOT NULL,"
                   "  phone TEXT NOT NULL DEFAULT '',"
                   "  payload TEXT NOT NULL,"
                   "  state INTEGER NOT NULL DEFAULT 0,"
                   "  attempts INTEGER NOT NULL DEFAULT 0,"
                   "  created_ms INTEGER NOT NULL,"
                   "  sent_ms INTEGER,"
                   "  error TEXT);"
                   "CREATE INDEX IF NOT EXISTS entries_account ON entries (account, state, id);"
                   "CREATE TABLE IF NOT EXISTS watermarks ("
                   "  feed TEXT PRIMARY KEY,"
                   "  value INTEGER NOT NULL);"
                   "PRAGMA user_version=1;",
                   error))
    return FALSE;

  *out_watermarks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  stmt = store_prepare (store, "SELECT feed, value FROM watermarks", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (*out_watermarks,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         agent_outbox_int64_dup (sqlite3_column_int64 (stmt, 1)));
  sqlite3_finalize (stmt);

  return TRUE;
}

static gboolean
store_count (AgentOutboxStore       *store,
             const char  *account,
             guint       *pending,
             guint       *failed,
             GError     **error)
{
  sqlite3_stmt *stmt;

  /* Without an account yet, everything waiting counts. */
  stmt = store_prepare (store,
                        "SELECT COALESCE(SUM(state != 2), 0), COALESCE(SUM(state = 2), 0) "
                        "FROM entries WHERE ?1 IS NULL OR account = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      store_set_error (store, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *pending = sqlite3_column_int (stmt, 0);
  *failed = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
store_add (AgentOutboxStore       *store,
           const char  *account,
           AgentOutboxEntry       *entry,
           GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = store_prepare (store,
                        "INSERT INTO entries (account, kind, phone, payload, created_ms) "
                        "VALUES (?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, account != NULL ? account : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, agent_outbox_kind_to_string (entry->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, entry->phone != NULL ? entry->phone : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, entry->payload, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, entry->created_ms);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      store_set_error (store, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  entry->id = sqlite3_last_insert_rowid (store->db);
  return TRUE;
}

static AgentOutboxKind
kind_from_string (const char *nick)
{
  GEnumClass *klass = g_type_class_ref (AGENT_TYPE_OUTBOX_KIND);
  GEnumValue *value = g_enum_get_value_by_nick (klass, nick != NULL ? nick : "");
  AgentOutboxKind kind = value != NULL ? value->value : 0;

  g_type_class_unref (klass);
  return kind;
}

static gboolean
store_update (AgentOutboxStore       *store,
              const char  *sql,
              gint64       id,
              const char  *text,
              GError     **error)
{
  sqlite3_stmt *stmt = store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, g_get_real_time () / 1000);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      store_set_error (store, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* The oldest entry of @account that is not failed, marked in flight before it is handed out. */
static gboolean
store_next (AgentOutboxStore       *store,
            const char  *account,
            AgentOutboxEntry      **out_entry,
            GError     **error)
{
  g_autoptr(AgentOutboxEntry) entry = NULL;
  sqlite3_stmt *stmt;
  int state;

  stmt = store_prepare (store,
                        "SELECT id, kind, phone, payload, state, created_ms FROM entries "
                        "WHERE account = ? AND state IN (0, 1) ORDER BY id LIMIT 1",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      break;
    case SQLITE_DONE:
      sqlite3_finalize (stmt);
      *out_entry = NULL;
      return TRUE;
    default:
      store_set_error (store, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  entry = g_new0 (AgentOutboxEntry, 1);
  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->kind = kind_from_string ((const char *) sqlite3_column_text (stmt, 1));
  entry->phone = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  entry->payload = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  state = sqlite3_column_int (stmt, 4);
  entry->created_ms = sqlite3_column_int64 (stmt, 5);
  entry->verify = state == STATE_IN_FLIGHT;
  sqlite3_finalize (stmt);

  if (!store_update (store,
                     "UPDATE entries SET state = 1, attempts = attempts + 1, sent_ms = ?3, "
                     "error = ?2 WHERE id = ?1",
                     entry->id, NULL, error))
    return FALSE;

  *out_entry = g_steal_pointer (&entry);
  return TRUE;
}

static gboolean
store_flush_watermarks (AgentOutboxStore   *store,
                        GError **error)
{
  g_autoptr(GHashTable) dirty = NULL;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;

  g_mutex_lock (&store->lock);
  dirty = g_steal_pointer (&store->dirty_watermarks);
  store->dirty_watermarks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  store->watermark_job_queued = FALSE;
  g_mutex_unlock (&store->lock);

  if (g_hash_table_size (dirty) == 0 || store->db == NULL)
    return TRUE;

  stmt = store_prepare (store, "INSERT OR REPLACE INTO watermarks (feed, value) VALUES (?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  store_exec (store, "BEGIN", NULL);
  g_hash_table_iter_init (&iter, dirty);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, *(gint64 *) value);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          store_set_error (store, error);
          sqlite3_finalize (stmt);
          store_exec (store, "ROLLBACK", NULL);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  return store_exec (store, "COMMIT", error);
}

/* Runs in the context the job came from. The task is returned there, so that the last
 * reference to it — and through it to the outbox — is never dropped on the worker thread. */
static gboolean
on_job_done_cb (gpointer user_data)
{
  AgentOutboxJob *job = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&job->task);

  if (job->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&job->error));
      agent_outbox_job_free (job);
    }
  else
    {
      /* The callback takes the job with g_task_propagate_pointer(). */
      g_task_return_pointer (task, job, (GDestroyNotify) agent_outbox_job_free);
    }

  return G_SOURCE_REMOVE;
}

static void
job_run (AgentOutboxStore *store,
         AgentOutboxJob   *job)
{
  GError **error = &job->error;
  gboolean counts = FALSE;

  if (store->db == NULL && job->type != OUTBOX_JOB_OPEN && job->type != OUTBOX_JOB_QUIT &&
      job->type != OUTBOX_JOB_WATERMARKS)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The outbox database is not open"));
      return;
    }

  switch (job->type)
    {
    case OUTBOX_JOB_OPEN:
      counts = store_open (store, &job->watermarks, error);
      break;
    case OUTBOX_JOB_ADD:
      counts = store_add (store, job->account, job->entry, error);
      break;
    case OUTBOX_JOB_NEXT:
      store_next (store, job->account, &job->entry, error);
      break;
    case OUTBOX_JOB_DELETE:
      counts = store_update (store, "DELETE FROM entries WHERE id = ?1", job->id, NULL, error);
      break;
    case OUTBOX_JOB_FAIL:
      counts = store_update (store, "UPDATE entries SET state = 2, error = ?2 WHERE id = ?1",
                             job->id, job->message, error);
      break;
    case OUTBOX_JOB_REQUEUE_FAILED:
      counts = store_update (store, "UPDATE entries SET state = 0 "
                                    "WHERE state = 2 AND account = ?2 AND ?1 = ?1",
                             0, job->account, error);
      break;
    case OUTBOX_JOB_COUNT:
      counts = TRUE;
      break;
    case OUTBOX_JOB_WATERMARKS:
      store_flush_watermarks (store, error);
      break;
    case OUTBOX_JOB_QUIT:
    default:
      break;
    }

  if (counts)
    store_count (store, job->account, &job->pending, &job->failed, error);
}

static gpointer
worker_thread (gpointer data)
{
  AgentOutboxStore *store = data;

  for (;;)
    {
      AgentOutboxJob *job = g_async_queue_pop (store->jobs);
      gboolean quit = job->type == OUTBOX_JOB_QUIT;

      job_run (store, job);

      if (job->error != NULL && job->task == NULL)
        g_warning ("%s", job->error->message);

      /* An attached source, not g_main_context_invoke(): that one may run the function right
       * here when it manages to acquire a context nobody iterates at this moment. */
      if (job->task != NULL)
        {
          GSource *source = g_idle_source_new ();

          g_source_set_priority (source, G_PRIORITY_DEFAULT);
          g_source_set_callback (source, on_job_done_cb, job, NULL);
          g_source_set_static_name (source, "[agent-outbox] job done");
          g_source_attach (source, job->context);
          g_source_unref (source);
        }
      else
        agent_outbox_job_free (job);

      if (quit)
        break;
    }

  store_flush_watermarks (store, NULL);
  g_clear_pointer (&store->db, sqlite3_close);
  return NULL;
}

AgentOutboxStore *
agent_outbox_store_new (const char *path)
{
  AgentOutboxStore *store = g_new0 (AgentOutboxStore, 1);

  store->path = g_strdup (path);
  store->jobs = g_async_queue_new ();
  g_mutex_init (&store->lock);
  store->dirty_watermarks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  store->thread = g_thread_new ("agent-outbox", worker_thread, store);
  return store;
}

void
agent_outbox_store_push (AgentOutboxStore *store,
            AgentOutboxJob   *job)
{
  g_async_queue_push (store->jobs, job);
}

void
agent_outbox_store_free (AgentOutboxStore *store)
{
  AgentOutboxJob *quit = g_new0 (AgentOutboxJob, 1);

  /* Whatever was queued before is written first: the queue is in order. */
  quit->type = OUTBOX_JOB_QUIT;
  agent_outbox_store_push (store, quit);
  g_thread_join (store->thread);

  g_async_queue_unref (store->jobs);
  g_hash_table_unref (store->dirty_watermarks);
  g_mutex_clear (&store->lock);
  g_free (store->path);
  g_free (store);
}

void
agent_outbox_store_queue_watermark (AgentOutboxStore *store,
                                    const char       *feed,
                                    gint64            watermark)
{
  gboolean queue;

  g_mutex_lock (&store->lock);
  g_hash_table_insert (store->dirty_watermarks, g_strdup (feed),
                       agent_outbox_int64_dup (watermark));
  queue = !store->watermark_job_queued;
  store->watermark_job_queued = TRUE;
  g_mutex_unlock (&store->lock);

  /* One job writes whatever is dirty when it runs: a burst of events is one write. */
  if (queue)
    {
      AgentOutboxJob *job = g_new0 (AgentOutboxJob, 1);

      job->type = OUTBOX_JOB_WATERMARKS;
      agent_outbox_store_push (store, job);
    }
}

/* Only for the moment between start-up and the worker's open: a plain read of one row, on
 * the caller's thread. No write, so nothing is synced. */
gint64
agent_outbox_store_read_watermark (const char *path,
                                   const char *feed)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 200);
      if (sqlite3_prepare_v2 (db, "SELECT value FROM watermarks WHERE feed = ?", -1, &stmt,
                              NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, feed, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            value = sqlite3_column_int64 (stmt, 0);
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return value;
}

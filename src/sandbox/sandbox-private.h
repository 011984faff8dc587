/* sandbox-private.h — the contract between the sandbox's files
 *
 * The sandbox is an independent implementation of the 八百呼 server: it never includes
 * src/api or src/app. Two owners build it at once, so the seams are fixed here:
 *
 *   data   — sandbox-db.{c,h} (open, schema, auth, shared row helpers), sandbox-seed.c (demo and
 *            big tenants), sandbox-methods-data*.c (customers, memos, sales, codes, fields, call
 *            records, SMS, blacklist, agents admin, channels, tasks and call flows, voice
 *            verification, areas, IVR cache).
 *   server — sandbox-server.{c,h} (SoupServer, params, auth and permission checks, dispatch,
 *            faults, /sandbox/ control API, request log, recording files with Range and MP3),
 *            sandbox-events.{c,h} (per-agent messages, watermarks, long-poll waiters),
 *            sandbox-simulator.{c,h}, sandbox-recordings.{c,h} (WAV synthesis, MP3 encoding),
 *            sandbox-methods-session.c (getExtension, setUserCheckInOut, sendMsg, recvMsg,
 *            getLongWaterLine, hangupExten, transferExten, callbackPhone, getCallbackList,
 *            sendTelCall, upload_record, upload_record_file, getTaskDetailPhone), main.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SANDBOX_ERROR (sandbox_error_quark ())
GQuark sandbox_error_quark (void);

/* Error codes are the document's own (section 1.2): the server answers
 * {"code": error->code, "message": error->message}. */
enum
{
  SANDBOX_ERROR_NETWORK      = -1,
  SANDBOX_ERROR_AUTH         = -2,
  SANDBOX_ERROR_INTERNAL     = -3,
  SANDBOX_ERROR_PERMISSION   = -5,
  SANDBOX_ERROR_SQL          = -6,
  SANDBOX_ERROR_EXISTS       = -10,
  SANDBOX_ERROR_NOT_FOUND    = -11,
  SANDBOX_ERROR_OVER_MAXIMUM = -12,
  SANDBOX_ERROR_FILE_SAVE    = -13,
  SANDBOX_ERROR_GROUP        = -14,
  /* A required parameter is missing or malformed: -3 with a message naming it. */
  SANDBOX_ERROR_PARAMETER    = -3,
};

/* ---- data: sandbox-db.c ---- */

typedef struct _SandboxDb SandboxDb;

/* @path NULL: a temporary database removed on close. Creates every table of the data side. */
SandboxDb   *sandbox_db_open              (const char   *path,
                                           GError      **error);
void         sandbox_db_close             (SandboxDb    *db);
sqlite3     *sandbox_db_get_handle        (SandboxDb    *db);
/* Where recording files live (a directory beside the database, or a temporary one). */
const char  *sandbox_db_get_recordings_dir (SandboxDb   *db);
gboolean     sandbox_db_exec              (SandboxDb    *db,
                                           const char   *sql,
                                           GError      **error);
/* Unix milliseconds; every "now" of the sandbox goes through this. */
gint64       sandbox_now_ms               (void);

typedef struct
{
  gint64  exte_id;
  gint64  comp_id;
  char   *account;        /* 9 digits: company number + extension */
  char   *extension;      /* the 3 digits */
  char   *comp_number;    /* 6 digits */
  char   *comp_name;
  char   *name;
  int     status;         /* exteStatus: 0 agent, 1 disabled, 2 administrator, 9 staff */
  int     login_type;
  int     disable_phone_num;
  char   *mobile;
  gboolean checked_in;
} SandboxAgent;

void          sandbox_agent_free          (SandboxAgent *agent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SandboxAgent, sandbox_agent_free)

/* Checks account and sa_password (32-hex MD5, either case); NULL with SANDBOX_ERROR_AUTH. */
SandboxAgent *sandbox_db_authenticate     (SandboxDb    *db,
                                           const char   *account,
                                           const char   *password_md5,
                                           GError      **error);
SandboxAgent *sandbox_db_lookup_agent     (SandboxDb    *db,
                                           const char   *account);
/* Every agent that is checked in (the simulator calls them). */
GPtrArray    *sandbox_db_list_checked_in  (SandboxDb    *db);
gboolean      sandbox_db_set_checked_in   (SandboxDb    *db,
                                           gint64        exte_id,
                                           gboolean      checked_in,
                                           GError      **error);

typedef struct
{
  gint64      comp_id;
  gint64      exte_id;       /* 0: no agent (queue, IVR) */
  const char *phone;         /* cdrPhoneNum */
  int         peer;          /* cdrPeer: 1 out, 2 in, 3 campaign out, 4 campaign answered, 5 voicemail */
  gint64      start_ms;
  gint64      answer_ms;     /* 0: not answered */
  gint64      hangup_ms;
  int         talk_seconds;
  const char *record_file;   /* relative to the recordings dir, or NULL */
  int         hangup_code;
  const char *hangup_text;
  const char *ivr_key;
  gint64      task_detail_id; /* ctdId, 0 if none */
} SandboxCallRecord;

/* Inserts a call record and returns its cdrId (64-bit, above 2^53 like the real server's). */
gint64        sandbox_db_add_call_record  (SandboxDb                *db,
                                           const SandboxCallRecord  *record,
                                           GError                  **error);
/* A known customer's name for @phone in @comp_id, or NULL. */
char         *sandbox_db_lookup_customer_name (SandboxDb  *db,
                                               gint64      comp_id,
                                               const char *phone);
/* Random phone numbers of the company's customers, for the simulator. */
GPtrArray    *sandbox_db_sample_customer_phones (SandboxDb *db,
                                                 gint64     comp_id,
                                                 guint      n);

/* ---- data: sandbox-seed.c ---- */

typedef struct
{
  guint customers;      /* --demo: 5000; --demo-size=N */
  guint call_records;   /* --demo: 20000 over 90 days */
  guint recordings;     /* playable files, a few hundred */
} SandboxSeedSize;

gboolean      sandbox_seed_demo           (SandboxDb              *db,
                                           const SandboxSeedSize  *size,
                                           GError                **error);

/* ---- the method table: each side registers its handlers ---- */

typedef struct _SandboxServer SandboxServer;

typedef struct
{
  SandboxServer *server;
  SandboxDb     *db;
  const char    *method;
  GHashTable    *params;   /* decoded name → value from the query and the form body */
  GHashTable    *files;    /* multipart file fields: name → GBytes, or NULL */
  SandboxAgent  *agent;    /* the authenticated caller */
} SandboxRequest;

/* Returns the whole answer object (with "code": 0 or the document's success shape), or NULL
 * with a SANDBOX_ERROR. Handlers run on the main loop and must not block. */
typedef JsonNode *(*SandboxMethodFunc) (SandboxRequest  *request,
                                        GError         **error);

typedef struct
{
  const char        *name;       /* the `method=` value, without .html */
  SandboxMethodFunc  func;
  gboolean           admin_only; /* -5 for an agent whose exteStatus is not 2 */
  const char        *required;   /* space-separated required parameters, or NULL */
} SandboxMethod;

/* Each returns a table ending in { NULL }. The server looks names up case-sensitively, and
 * also accepts `method=NAME.html`. */
const SandboxMethod *sandbox_methods_data    (void);
const SandboxMethod *sandbox_methods_session (void);

/* Helpers every handler may use (sandbox-db.c). */
const char   *sandbox_param               (SandboxRequest *request,
                                           const char     *name);
gboolean      sandbox_param_int64         (SandboxRequest *request,
                                           const char     *name,
                                           gint64          fallback,
                                           gint64         *out_value,
                                           GError        **error);
/* @out_builder NULL: returns {"code": 0, "message": "OK"}. Otherwise returns NULL and hands over a
 * builder with that object still open: add members, then end it and take the root. */
JsonNode     *sandbox_ok_new              (JsonBuilder   **out_builder);

/* ---- server side, callable from data handlers ---- */

/* Appends a message for an agent and wakes its long polls (sandbox-events.c). */
gint64        sandbox_events_push         (SandboxServer *server,
                                           gint64         exte_id,
                                           int            kind,
                                           const char    *phone,
                                           const char    *content);

/* Writes a playable WAV of @seconds (tones or synthesised speech) to @path (sandbox-recordings.c). */
gboolean      sandbox_recordings_synthesize (const char  *path,
                                             guint        seconds,
                                             guint32      seed,
                                             GError     **error);

/* Where upload_record_file keeps a file @owner (an agent's account or a box's MAC) sent as
 * @name, relative to the recordings dir; NULL for a name that is no file name
 * (sandbox-methods-device.c). */
char         *sandbox_upload_relative_path (const char *owner,
                                            const char *name);

G_END_DECLS

/* sandbox-server.h — the sandbox's HTTP server: API dispatch, faults, control API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "sandbox-private.h"
#include "sandbox-events.h"

G_BEGIN_DECLS

#define SANDBOX_TYPE_SERVER (sandbox_server_get_type ())
G_DECLARE_FINAL_TYPE (SandboxServer, sandbox_server, SANDBOX, SERVER, GObject)

typedef struct _SandboxSimulator SandboxSimulator;

typedef enum
{
  SANDBOX_FAULT_NONE,
  SANDBOX_FAULT_DOWN,      /* the API port refuses connections */
  SANDBOX_FAULT_SLOW,      /* every answer comes after a delay (5 s unless told) */
  SANDBOX_FAULT_GARBAGE,   /* 200 with a body that is not JSON */
  SANDBOX_FAULT_HTTP500,   /* a proxy's HTML "502 Bad Gateway" page */
  SANDBOX_FAULT_RESET,     /* the connection is closed (RST) without an answer */
} SandboxFault;

/* @db stays owned by the caller and must outlive the server. */
SandboxServer    *sandbox_server_new               (SandboxDb      *db,
                                                    GError        **error);
/* Listens for the API on @address (NULL: 127.0.0.1) and @port (0: a free one), and for the
 * control API alone on a second free loopback port. */
gboolean          sandbox_server_listen            (SandboxServer  *self,
                                                    const char     *address,
                                                    guint           port,
                                                    GError        **error);
guint             sandbox_server_get_port          (SandboxServer  *self);
guint             sandbox_server_get_control_port  (SandboxServer  *self);
SandboxDb        *sandbox_server_get_db            (SandboxServer  *self);
SandboxEvents    *sandbox_server_get_events        (SandboxServer  *self);
SandboxSimulator *sandbox_server_get_simulator     (SandboxServer  *self);
/* How long getLongWaterLine holds a request: 25 s, or BABAIHU_SANDBOX_LONGPOLL_MS. */
guint             sandbox_server_get_longpoll_ms   (SandboxServer  *self);

/* Faults (the control API's POST /sandbox/fault). @delay_ms is the slow mode's delay, 0: 5 s. */
gboolean          sandbox_server_set_fault         (SandboxServer  *self,
                                                    const char     *mode,
                                                    guint           ms,
                                                    guint           delay_ms,
                                                    GError        **error);
SandboxFault      sandbox_server_get_fault         (SandboxServer  *self);
/* The request log: {"requests":[{method, http_method, path, params, ts_ms, ms, status, code}]}. */
JsonNode         *sandbox_server_dup_requests      (SandboxServer  *self);
void              sandbox_server_reset_requests    (SandboxServer  *self);
/* Adds an entry to the request log (used by the recording routes). */
void              sandbox_server_log_request       (SandboxServer     *self,
                                                    SoupServerMessage *msg,
                                                    const char        *method,
                                                    GHashTable        *params,
                                                    gint64             started_ms,
                                                    int                code);

/* Answer later: a handler calls sandbox_request_hold() and returns NULL without an error; the
 * server keeps the request (params, agent) alive until sandbox_held_answer(). When the client
 * goes away first, @on_gone runs (then the held request is gone: do not answer it). */
typedef struct _SandboxHeld SandboxHeld;

SandboxHeld      *sandbox_request_hold             (SandboxRequest *request,
                                                    GDestroyNotify  on_gone,
                                                    gpointer        user_data);
SandboxRequest   *sandbox_held_get_request         (SandboxHeld    *held);
/* @answer: (transfer full) (nullable): the answer, or NULL with @error. */
void              sandbox_held_answer              (SandboxHeld    *held,
                                                    JsonNode       *answer,
                                                    const GError   *error);

/* Authenticates a request the way the API does (sa_user + sa_password), for the recording
 * download route. */
SandboxAgent     *sandbox_server_authenticate      (SandboxServer  *self,
                                                    GHashTable     *params,
                                                    GError        **error);

/* upload_record, upload_record_file, sendTelCall (sandbox-methods-device.c). */
extern const SandboxMethod sandbox_methods_device[];

/* The control API (sandbox-control.c): every /sandbox/ path. */
void              sandbox_control_handle           (SandboxServer     *self,
                                                    SoupServerMessage *msg,
                                                    const char        *path);

/* The request's parameters (sandbox-http.c): the query, then the urlencoded or multipart body
 * over it. Multipart files go to *@out_files (name → GBytes) when it is not NULL. */
GHashTable       *sandbox_parse_params             (SoupServerMessage  *msg,
                                                    GHashTable         *query,
                                                    GHashTable        **out_files);

/* Pause a message to answer it later; resume unpauses it only if it was paused (a no-op
 * otherwise), so that every route can call it after answering. */
void              sandbox_message_pause            (SoupServerMessage *msg);
void              sandbox_message_resume           (SoupServerMessage *msg);

/* JSON helpers shared by the server's files. */
JsonObject       *sandbox_answer_ok                (void);
JsonNode         *sandbox_answer_node              (JsonObject     *object);
void              sandbox_set_json_response        (SoupServerMessage *msg,
                                                    guint              status,
                                                    JsonNode          *node);
/* A member as text or as a number, whether the JSON has it as a string or a number (what a
 * box or a test sends drifts); NULL or @fallback when it is neither (sandbox-http.c). */
char             *sandbox_json_member_text         (JsonObject        *object,
                                                    const char        *name);
gint64            sandbox_json_member_int          (JsonObject        *object,
                                                    const char        *name,
                                                    gint64             fallback);

G_END_DECLS

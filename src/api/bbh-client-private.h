/* bbh-client-private.h — what the method files of BbhClient share
 *
 * Every method of the document is a thin typed wrapper around bbh_client_call_async():
 * build a BbhParams, name a parse function that turns the checked JSON answer into GObjects,
 * and finish with bbh_client_call_finish(). See bbh_client_get_extension_async() for the pattern.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "bbh-client.h"
#include "bbh-error.h"
#include "bbh-json-private.h"
#include "bbh-response-private.h"

G_BEGIN_DECLS

/* Parameters in the order they are sent; a NULL value is not sent at all. */
typedef struct _BbhParams BbhParams;

BbhParams   *bbh_params_new            (void);
void         bbh_params_free           (BbhParams   *params);
void         bbh_params_add            (BbhParams   *params,
                                        const char  *name,
                                        const char  *value);
void         bbh_params_add_int        (BbhParams   *params,
                                        const char  *name,
                                        gint64       value);
/* Sent only when value >= 0: the document's optional integers have no negative meaning. */
void         bbh_params_add_opt_int    (BbhParams   *params,
                                        const char  *name,
                                        gint64       value);
void         bbh_params_add_bool       (BbhParams   *params,
                                        const char  *name,
                                        gboolean     value);
guint        bbh_params_get_length     (BbhParams   *params);
const char  *bbh_params_get_name       (BbhParams   *params,
                                        guint        position);
const char  *bbh_params_get_value      (BbhParams   *params,
                                        guint        position);
const char  *bbh_params_lookup         (BbhParams   *params,
                                        const char  *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbhParams, bbh_params_free)

typedef enum
{
  BBH_CALL_DEFAULT     = 0,
  BBH_CALL_POST        = 1 << 0,  /* send as application/x-www-form-urlencoded */
  BBH_CALL_LONG_POLL   = 1 << 1,  /* the server holds the request: longer timeout */
  BBH_CALL_STATUS_CODE = 1 << 2,  /* the answer carries `status` instead of `code` */
} BbhCallFlags;

/* Turns a checked answer into the method's result: a GObject, or a BbhList. Returns NULL and
 * sets @error (BBH_ERROR_PROTOCOL) when the answer lacks what the method needs. */
typedef gpointer (*BbhParseFunc) (JsonObject  *root,
                                  GError     **error);

void         bbh_client_call_async     (BbhClient            *self,
                                        const char           *method,
                                        BbhParams            *params,
                                        BbhCallFlags          flags,
                                        BbhParseFunc          parse,
                                        GDestroyNotify        result_free,
                                        gpointer              source_tag,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gpointer     bbh_client_call_finish    (BbhClient            *self,
                                        GAsyncResult         *result,
                                        gpointer              source_tag,
                                        GError              **error);

/* A page of a list answer: the items and the server's total. */
typedef struct
{
  GListStore *items;
  guint64     total;
} BbhList;

BbhList     *bbh_list_new              (GType                 item_type);
void         bbh_list_free             (BbhList              *list);
GListModel  *bbh_list_steal            (BbhList              *list,
                                        guint64              *out_total);
/* Parses each object of @array with @parse_item and appends it; non-objects are skipped. */
void         bbh_list_append_array     (BbhList              *list,
                                        JsonArray            *array,
                                        gpointer            (*parse_item) (JsonObject *object));
GListModel  *bbh_client_call_finish_list (BbhClient          *self,
                                          GAsyncResult       *result,
                                          gpointer            source_tag,
                                          guint64            *out_total,
                                          GError            **error);

/* Returns TRUE and does nothing when @value is acceptable; otherwise sets BBH_ERROR_INVALID
 * naming @what, so that nothing is sent for an obviously wrong number. */
gboolean     bbh_check_phone           (const char           *value,
                                        const char           *what,
                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbhList, bbh_list_free)

G_END_DECLS

G_BEGIN_DECLS

/* The client's session, for requests outside jsondata.html (recording downloads). */
SoupSession *bbh_client_get_session    (BbhClient            *self);
/* `sa_user=…&sa_password=…`, escaped. Holds the secret: never log it (bbh_redact_uri()). */
char        *bbh_client_dup_auth_query (BbhClient            *self);

/* An answer's error may quote the server, and a server or proxy may quote the request: this
 * puts `***` in place of the account's MD5 (in any case) and of any `sa_password=` value in
 * @error's message, before it is logged or returned. */
void         bbh_client_scrub_error    (BbhClient            *self,
                                        GError               *error);

/* The least time a long poll (BBH_CALL_LONG_POLL) is given: 45 s, longer than any server
 * holds one (the SDK re-issues after 35 s). Tests shorten it. */
void         bbh_client_set_long_poll_timeout (BbhClient       *self,
                                               guint            seconds);

/* Fails a call before anything is sent (a parameter was invalid); takes @error. */
void         bbh_client_report_error   (BbhClient            *self,
                                        gpointer              source_tag,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data,
                                        GError               *error);

G_END_DECLS

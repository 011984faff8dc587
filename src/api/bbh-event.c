/* bbh-event.c
 *
 * One message of the event feed. The call details live in `content`, a JavaScript-ish object
 * string (see bbh-content.c); an event whose content cannot be read is still an event, with
 * status -1, so a strange message never stalls the stream.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-event"

#include "config.h"

#include "bbh-content-private.h"
#include "bbh-event-private.h"
#include "bbh-json-private.h"

struct _BbhEvent
{
  GObject parent_instance;

  int         kind;
  char       *phone;
  char       *content;
  GHashTable *content_table;  /* NULL when content is not an object */
  int         status;
  gint64      cdr_id;
  int         talk_seconds;
  gint64      time_ms;
  gint64      watermark;
  gboolean    backlog;
};

G_DEFINE_FINAL_TYPE (BbhEvent, bbh_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_PHONE,
  PROP_CONTENT,
  PROP_STATUS,
  PROP_CDR_ID,
  PROP_TALK_SECONDS,
  PROP_TIME_MS,
  PROP_WATERMARK,
  PROP_BACKLOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
lookup_int64 (GHashTable *table,
              const char *key,
              gint64     *out_value)
{
  return bbh_parse_int64 (bbh_content_lookup (table, key), out_value);
}

/* Reads status, cdrId and talkTimes out of the content table. */
static void
update_from_content (BbhEvent *self)
{
  gint64 value;

  self->status = BBH_CALL_STATUS_UNKNOWN;
  self->cdr_id = -1;
  self->talk_seconds = 0;
  g_clear_pointer (&self->content_table, g_hash_table_unref);

  if (self->content == NULL || !bbh_content_parse (self->content, -1, &self->content_table))
    return;

  if (lookup_int64 (self->content_table, "status", &value) && value >= G_MININT && value <= G_MAXINT)
    self->status = (int) value;
  if (lookup_int64 (self->content_table, "cdrId", &value))
    self->cdr_id = value;
  if ((lookup_int64 (self->content_table, "talkTimes", &value)
       || lookup_int64 (self->content_table, "talkTime", &value))
      && value >= 0 && value <= G_MAXINT)
    self->talk_seconds = (int) value;
}

/* A server that sends `content` as a real object instead of a string: serialise it so the
 * raw text is still there, and read it with the same lenient parser. */
static char *
dup_content (JsonObject *object)
{
  JsonNode *node;

  if (!json_object_has_member (object, "content"))
    return NULL;
  node = json_object_get_member (object, "content");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_to_string (node, FALSE);
  return bbh_json_node_dup_text (node);
}

BbhEvent *
bbh_event_new_from_json (JsonObject *object)
{
  BbhEvent *self;

  if (object == NULL)
    return NULL;

  self = g_object_new (BBH_TYPE_EVENT, NULL);
  self->kind = bbh_json_get_int (object, "kind", BBH_EVENT_KIND_UNKNOWN);
  g_free (self->phone);
  self->phone = bbh_json_dup_string (object, "phone");
  if (self->phone == NULL)
    self->phone = g_strdup ("");
  g_free (self->content);
  self->content = dup_content (object);
  self->time_ms = bbh_json_get_int64 (object, "time", 0);
  self->watermark = bbh_json_get_int64_any (object, -1, "waterLine", "waterline", NULL);
  update_from_content (self);

  return self;
}

void
bbh_event_set_backlog (BbhEvent *self,
                       gboolean  backlog)
{
  g_return_if_fail (BBH_IS_EVENT (self));

  backlog = !!backlog;
  if (self->backlog == backlog)
    return;
  self->backlog = backlog;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKLOG]);
}

static void
bbh_event_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BbhEvent *self = BBH_EVENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_CONTENT:
      g_value_set_string (value, self->content);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_CDR_ID:
      g_value_set_int64 (value, self->cdr_id);
      break;
    case PROP_TALK_SECONDS:
      g_value_set_int (value, self->talk_seconds);
      break;
    case PROP_TIME_MS:
      g_value_set_int64 (value, self->time_ms);
      break;
    case PROP_WATERMARK:
      g_value_set_int64 (value, self->watermark);
      break;
    case PROP_BACKLOG:
      g_value_set_boolean (value, self->backlog);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_event_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BbhEvent *self = BBH_EVENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_PHONE:
      g_free (self->phone);
      self->phone = g_strdup (g_value_get_string (value) ? g_value_get_string (value) : "");
      break;
    case PROP_CONTENT:
      g_free (self->content);
      self->content = g_value_dup_string (value);
      update_from_content (self);
      break;
    case PROP_TIME_MS:
      self->time_ms = g_value_get_int64 (value);
      break;
    case PROP_WATERMARK:
      self->watermark = g_value_get_int64 (value);
      break;
    case PROP_BACKLOG:
      bbh_event_set_backlog (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_event_finalize (GObject *object)
{
  BbhEvent *self = BBH_EVENT (object);

  g_free (self->phone);
  g_free (self->content);
  g_clear_pointer (&self->content_table, g_hash_table_unref);

  G_OBJECT_CLASS (bbh_event_parent_class)->finalize (object);
}

static void
bbh_event_class_init (BbhEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_event_get_property;
  object_class->set_property = bbh_event_set_property;
  object_class->finalize = bbh_event_finalize;

  /**
   * BbhEvent:kind:
   *
   * 1 outgoing call, 2 incoming call, 3 SMS sent, 4 SMS received, 5 GPS, 6 a client answered,
   * 7 a client hung up; see #BbhEventKind.
   */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * BbhEvent:content:
   *
   * The raw content string; for an SMS, its text.
   */
  properties[PROP_CONTENT] =
    g_param_spec_string ("content", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * BbhEvent:status:
   *
   * The call status from the content, -1 when there is none; see #BbhCallStatus.
   */
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, G_MININT, G_MAXINT, BBH_CALL_STATUS_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhEvent:cdr-id:
   *
   * The call record's id (64-bit), -1 when there is none yet.
   */
  properties[PROP_CDR_ID] =
    g_param_spec_int64 ("cdr-id", NULL, NULL, G_MININT64, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TALK_SECONDS] =
    g_param_spec_int ("talk-seconds", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhEvent:time-ms:
   *
   * When it happened, Unix milliseconds.
   */
  properties[PROP_TIME_MS] =
    g_param_spec_int64 ("time-ms", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * BbhEvent:watermark:
   *
   * The server's `waterLine` for this message, -1 when it sent none.
   */
  properties[PROP_WATERMARK] =
    g_param_spec_int64 ("watermark", NULL, NULL, G_MININT64, G_MAXINT64, -1,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * BbhEvent:backlog:
   *
   * %TRUE when the event arrived while the application was not running: it was delivered by
   * the first fetch after starting from a stored watermark. List it as missed; do not pop.
   */
  properties[PROP_BACKLOG] =
    g_param_spec_boolean ("backlog", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_event_init (BbhEvent *self)
{
  self->phone = g_strdup ("");
  self->status = BBH_CALL_STATUS_UNKNOWN;
  self->cdr_id = -1;
  self->watermark = -1;
}

/**
 * bbh_event_new:
 * @kind: a #BbhEventKind
 * @phone: the number
 * @content: (nullable): the content string, as the server sends it
 * @time_ms: Unix milliseconds
 * @watermark: the server's watermark, or -1
 *
 * For tests and for the application's own simulated events.
 *
 * Returns: (transfer full): a new event, its status and ids read from @content.
 */
BbhEvent *
bbh_event_new (int         kind,
               const char *phone,
               const char *content,
               gint64      time_ms,
               gint64      watermark)
{
  return g_object_new (BBH_TYPE_EVENT,
                       "kind", kind,
                       "phone", phone,
                       "content", content,
                       "time-ms", time_ms,
                       "watermark", watermark,
                       NULL);
}

int
bbh_event_get_kind (BbhEvent *self)
{
  g_return_val_if_fail (BBH_IS_EVENT (self), 0);
  return self->kind;
}

/**
 * bbh_event_get_phone:
 *
 * Returns: (transfer none): the number, never %NULL (empty when the server sent none)
 */
const char *
bbh_event_get_phone (BbhEvent *self)
{
  g_return_val_if_fail (BBH_IS_EVENT (self), NULL);
  return self->phone;
}

const char *
bbh_event_get_content (BbhEvent *self)
{
  g_return_val_if_fail (BBH_IS_EVENT (self), NULL);
  return self->content;
}

/**
 * bbh_event_get_content_value:
 * @key: a member of the content object, such as `status` or `cdrId`
 *
 * Returns: (transfer none) (nullable): its value as text; keys match ignoring ASCII case
 */
const char *
bbh_event_get_content_value (BbhEvent   *self,
                             const char *key)
{
  g_return_val_if_fail (BBH_IS_EVENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return bbh_content_lookup (self->content_table, key);
}

int
bbh_event_get_status (BbhEvent *self)
{
  g_return_val_if_fail (BBH_IS_EVENT (self), BBH_CALL_STATUS_UNKNOWN);
  return self->status;
}

gint64
bbh_event_get_cdr_id (BbhEvent *self)
{
  g_return_val_if_fail (BBH_IS_EVENT (self), -1);
  return self->cdr_id;
}

int
bbh_event_get_talk_seconds (BbhEvent *self)
{
  g_return_val_if_fail (BBH_IS_EVENT (self), 0);
  return self->talk_seconds;
}

gint64
bbh_event_get_time_ms (BbhEvent *self)
{
  g_return_val_if_fail (BBH_IS_EVENT (self), 0);
  return self->time_ms;
}

gint64
bbh_event_get_watermark (BbhEvent *self)
{
  g_return_val_if_fail (BBH_IS_EVENT (self), -1);
  return self->watermark;
}

gboolean
bbh_event_get_backlog (BbhEvent *self)
{
  g_return_val_if_fail (BBH_IS_EVENT (self), FALSE);
  return self->backlog;
}

/**
 * bbh_event_is_call:
 *
 * Returns: %TRUE for the kinds that are about a call: 1, 2, 6 and 7
 */
gboolean
bbh_event_is_call (BbhEvent *self)
{
  g_return_val_if_fail (BBH_IS_EVENT (self), FALSE);

  switch (self->kind)
    {
    case BBH_EVENT_KIND_OUTGOING_CALL:
    case BBH_EVENT_KIND_INCOMING_CALL:
    case BBH_EVENT_KIND_ANSWERED:
    case BBH_EVENT_KIND_HUNG_UP:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * bbh_event_is_ringing:
 *
 * Returns: %TRUE for a call that rings (incoming) or is being dialled (outgoing): status 0
 */
gboolean
bbh_event_is_ringing (BbhEvent *self)
{
  g_return_val_if_fail (BBH_IS_EVENT (self), FALSE);

  return (self->kind == BBH_EVENT_KIND_INCOMING_CALL || self->kind == BBH_EVENT_KIND_OUTGOING_CALL)
         && self->status == BBH_CALL_STATUS_RINGING;
}

/**
 * bbh_event_is_answered:
 *
 * Returns: %TRUE for a call that was answered: status 1, or kind 6
 */
gboolean
bbh_event_is_answered (BbhEvent *self)
{
  g_return_val_if_fail (BBH_IS_EVENT (self), FALSE);

  if (self->kind == BBH_EVENT_KIND_ANSWERED)
    return TRUE;
  return bbh_event_is_call (self) && self->kind != BBH_EVENT_KIND_HUNG_UP
         && self->status == BBH_CALL_STATUS_ANSWERED;
}

/**
 * bbh_event_is_hangup:
 *
 * Hang-up is status 3 in the recvMsg section of the document but 2 in the sendMsg section and
 * in the vendor SDK; both count (PROTOCOL.md "Events").
 *
 * Returns: %TRUE for a call that ended: status 2 or 3, or kind 7
 */
gboolean
bbh_event_is_hangup (BbhEvent *self)
{
  g_return_val_if_fail (BBH_IS_EVENT (self), FALSE);

  if (self->kind == BBH_EVENT_KIND_HUNG_UP)
    return TRUE;
  return bbh_event_is_call (self)
         && (self->status == BBH_CALL_STATUS_HUNG_UP || self->status == BBH_CALL_STATUS_HUNG_UP_3);
}

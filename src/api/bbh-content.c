/* bbh-content.c
 *
 * The `content` of a call message is JavaScript, not JSON: the document's own example is
 * `{status:0,talkTimes:10 }` and the vendor SDK evaluates it (PROTOCOL.md "Events"). This reads
 * the flat members of such an object into a string → string table: quoted or unquoted keys,
 * single or double quotes, numbers, bare words; nested objects and arrays are skipped. It never
 * recurses, so no input can exhaust the stack, and it rejects what it does not understand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-content"

#include "config.h"

#include <string.h>

#include "bbh-content-private.h"

typedef struct
{
  const char *p;
  const char *end;
} Reader;

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (g_ascii_isspace (*r->p)))
    r->p++;
}

static gboolean
is_bare_key_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$' || c == '-' || c == '.' || (guchar) c >= 0x80;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Reader   *r,
           gunichar *out)
{
  gunichar value = 0;

  if (r->end - r->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int v = hex_value (r->p[i]);

      if (v < 0)
        return FALSE;
      value = (value << 4) | (gunichar) v;
    }
  r->p += 4;
  *out = value;
  return TRUE;
}

/* A quoted string in either quote, JSON escapes plus \' and \x..; a lone surrogate becomes
 * U+FFFD so that the result is always valid UTF-8. */
static char *
read_quoted (Reader *r)
{
  g_autoptr(GString) s = g_string_new (NULL);
  char quote = *r->p++;

  while (r->p < r->end)
    {
      char c = *r->p++;

      if (c == quote)
        return g_string_free (g_steal_pointer (&s), FALSE);

      if (c != '\\')
        {
          g_string_append_c (s, c);
          continue;
        }

      if (r->p >= r->end)
        return NULL;

      c = *r->p++;
      switch (c)
        {
        case 'n': g_string_append_c (s, '\n'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case 'b': g_string_append_c (s, '\b'); break;
        case 'f': g_string_append_c (s, '\f'); break;
        case 'x':
          {
            int hi, lo;

            if (r->end - r->p < 2 || (hi = hex_value (r->p[0])) < 0 || (lo = hex_value (r->p[1])) < 0)
              return NULL;
            r->p += 2;
            /* A NUL would cut the C string short. */
            g_string_append_unichar (s, hi == 0 && lo == 0 ? 0xFFFD : (gunichar) (hi * 16 + lo));
          }
          break;
        case 'u':
          {
            gunichar u;

            if (!read_hex4 (r, &u))
              return NULL;
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                gunichar lo;
                Reader save = *r;

                if (r->end - r->p >= 6 && r->p[0] == '\\' && r->p[1] == 'u')
                  {
                    r->p += 2;
                    if (read_hex4 (r, &lo) && lo >= 0xDC00 && lo <= 0xDFFF)
                      u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    else
                      {
                        *r = save;
                        u = 0xFFFD;
                      }
                  }
                else
                  u = 0xFFFD;
              }
            else if (u >= 0xDC00 && u <= 0xDFFF)
              u = 0xFFFD;
            if (u == 0)
              u = 0xFFFD;
            g_string_append_unichar (s, u);
          }
          break;
        default:
          /* \" \' \\ \/ and, as in JavaScript, any other character stands for itself. */
          g_string_append_c (s, c);
          break;
        }
    }

  return NULL;
}

static char *
read_key (Reader *r)
{
  const char *start;

  if (r->p >= r->end)
    return NULL;
  if (*r->p == '"' || *r->p == '\'')
    return read_quoted (r);

  start = r->p;
  while (r->p < r->end && is_bare_key_char (*r->p))
    r->p++;
  if (r->p == start)
    return NULL;
  return g_strndup (start, r->p - start);
}

/* Skips a nested object or array, strings inside included, without recursion. */
static gboolean
skip_nested (Reader *r)
{
  gsize depth = 0;

  while (r->p < r->end)
    {
      char c = *r->p;

      if (c == '"' || c == '\'')
        {
          g_autofree char *ignored = read_quoted (r);

          if (ignored == NULL)
            return FALSE;
          continue;
        }

      r->p++;
      if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return FALSE;
          if (--depth == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* A bare value runs to the next `,` or `}` and is trimmed: numbers, true/false, words. */
static char *
read_bare (Reader *r)
{
  const char *start = r->p;
  const char *stop;

  while (r->p < r->end && *r->p != ',' && *r->p != '}')
    {
      if (*r->p == '{' || *r->p == '[' || *r->p == ']' || *r->p == '"' || *r->p == '\'' || *r->p == ':')
        return NULL;
      r->p++;
    }

  stop = r->p;
  while (stop > start && g_ascii_isspace (stop[-1]))
    stop--;
  if (stop == start)
    return NULL;
  return g_strndup (start, stop - start);
}

/**
 * bbh_content_parse:
 * @text: (nullable): the content string
 * @length: its length, or -1 when NUL-terminated
 * @out_table: (out) (transfer full): the members, key → value as text
 *
 * Values `null` and `undefined` are left out, as if the member were absent; a key that
 * appears twice keeps its last value.
 *
 * Returns: %TRUE if @text is an object of that shape; %FALSE (and @out_table untouched) for
 *   anything else, including invalid UTF-8.
 */
gboolean
bbh_content_parse (const char  *text,
                   gssize       length,
                   GHashTable **out_table)
{
  g_autoptr(GHashTable) table = NULL;
  Reader r;

  g_return_val_if_fail (out_table != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  if (length < 0)
    length = strlen (text);
  if (!g_utf8_validate (text, length, NULL))
    return FALSE;

  r.p = text;
  r.end = text + length;

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  skip_space (&r);
  if (r.p >= r.end || *r.p != '{')
    return FALSE;
  r.p++;

  for (;;)
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      skip_space (&r);
      if (r.p >= r.end)
        return FALSE;
      if (*r.p == '}')
        {
          r.p++;
          break;
        }

      if ((key = read_key (&r)) == NULL)
        return FALSE;
      skip_space (&r);
      if (r.p >= r.end || *r.p != ':')
        return FALSE;
      r.p++;
      skip_space (&r);
      if (r.p >= r.end)
        return FALSE;

      if (*r.p == '{' || *r.p == '[')
        {
          if (!skip_nested (&r))
            return FALSE;
        }
      else if (*r.p == '"' || *r.p == '\'')
        {
          if ((value = read_quoted (&r)) == NULL)
            return FALSE;
        }
      else
        {
          if ((value = read_bare (&r)) == NULL)
            return FALSE;
          if (g_str_equal (value, "null") || g_str_equal (value, "undefined"))
            g_clear_pointer (&value, g_free);
        }

      if (value != NULL)
        g_hash_table_replace (table, g_steal_pointer (&key), g_steal_pointer (&value));

      skip_space (&r);
      if (r.p >= r.end)
        return FALSE;
      if (*r.p == ',')
        r.p++;
      else if (*r.p != '}')
        return FALSE;
    }

  /* Only white space or a statement's `;` may follow. */
  while (r.p < r.end && (g_ascii_isspace (*r.p) || *r.p == ';'))
    r.p++;
  if (r.p != r.end)
    return FALSE;

  *out_table = g_steal_pointer (&table);
  return TRUE;
}

/**
 * bbh_content_lookup:
 *
 * Returns: (nullable): the value of @key, matched exactly or else ignoring ASCII case
 *   (`cdrId`, `cdrid`, `CdrId` have all been seen in the SDK's readings).
 */
const char *
bbh_content_lookup (GHashTable *table,
                    const char *key)
{
  GHashTableIter iter;
  gpointer k, v;
  const char *value;

  if (table == NULL || key == NULL)
    return NULL;
  if ((value = g_hash_table_lookup (table, key)) != NULL)
    return value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &k, &v))
    if (g_ascii_strcasecmp (k, key) == 0)
      return v;
  return NULL;
}

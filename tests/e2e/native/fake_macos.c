/* A stand-in for the parts of IOKit, CoreFoundation and CoreGraphics that companion's
 * idle reader calls, with the same C signatures, so the tests exercise the real ctypes
 * marshalling on a machine without macOS. Objects live in a static pool and every
 * pointer handed in is checked against it before use, so a pointer that lost its high
 * 32 bits is counted as a bad call instead of crashing the test. The pool also counts
 * live objects, so a reading that forgets a CFRelease shows. fake_* are the controls. */
#include <stdint.h>
#include <string.h>

enum { T_STRING = 1, T_NUMBER = 2, T_BOOLEAN = 3, T_DICT = 4 };
#define MAGIC 0x1D1E5EC5u
#define POOL 4096
#define SERVICE 0x4A1Du
#define UTF8 0x08000100u
#define SINT64 4

typedef struct {
    uint32_t magic;
    int type;
    int refs; /* < 0: never freed (kCFBooleanTrue / False) */
    int64_t number;
    char text[64];
} Obj;

static Obj pool[POOL];
static int used = 2; /* pool[0] is true, pool[1] false */
static int live, bad_calls, services_out, idle_is_string;
static int64_t idle_ns;
static int session = 1; /* 0 none, 1 unlocked, 2 locked, 3 another user on the console */
static int has_service = 1;

static Obj *valid(const void *p, int type) {
    const Obj *o = p;
    if (o < pool || o >= pool + POOL || ((const char *)o - (const char *)pool) % sizeof(Obj)
        || o->magic != MAGIC || (type && o->type != type)) {
        bad_calls++;
        return 0;
    }
    return (Obj *)o;
}

static Obj *make(int type) {
    if (used >= POOL)
        return 0;
    Obj *o = &pool[used++];
    o->magic = MAGIC;
    o->type = type;
    o->refs = 1;
    live++;
    return o;
}

__attribute__((constructor)) static void setup(void) {
    for (int i = 0; i < 2; i++) {
        pool[i].magic = MAGIC;
        pool[i].type = T_BOOLEAN;
        pool[i].refs = -1;
        pool[i].number = i == 0;
    }
}

void fake_set(int64_t nanoseconds, int session_state, int service, int as_string) {
    idle_ns = nanoseconds;
    session = session_state;
    has_service = service;
    idle_is_string = as_string;
}
int fake_live(void) { return live; }
int fake_bad_calls(void) { return bad_calls; }
int fake_services_out(void) { return services_out; }

/* CoreFoundation */
const void *CFStringCreateWithCString(const void *allocator, const char *text, uint32_t encoding) {
    if (allocator || encoding != UTF8 || !text)
        bad_calls++;
    Obj *o = make(T_STRING);
    if (o && text)
        strncpy(o->text, text, sizeof o->text - 1);
    return o;
}
unsigned long CFGetTypeID(const void *ref) {
    Obj *o = valid(ref, 0);
    return o ? (unsigned long)o->type : 0;
}
unsigned long CFNumberGetTypeID(void) { return T_NUMBER; }
unsigned long CFBooleanGetTypeID(void) { return T_BOOLEAN; }
unsigned char CFNumberGetValue(const void *number, long type, void *out) {
    Obj *o = valid(number, T_NUMBER);
    if (!o || type != SINT64 || !out) {
        bad_calls += o != 0;
        return 0;
    }
    *(int64_t *)out = o->number;
    return 1;
}
unsigned char CFBooleanGetValue(const void *boolean) {
    Obj *o = valid(boolean, T_BOOLEAN);
    return o ? o->number != 0 : 0;
}
const void *CFDictionaryGetValue(const void *dict, const void *key) {
    Obj *d = valid(dict, T_DICT), *k = valid(key, T_STRING);
    if (!d || !k)
        return 0;
    if (!strcmp(k->text, "CGSSessionScreenIsLocked"))
        return session == 2 ? &pool[0] : 0; /* present only while locked */
    if (!strcmp(k->text, "kCGSessionOnConsoleKey"))
        return session == 3 ? &pool[1] : &pool[0];
    return 0;
}
void CFRelease(const void *ref) {
    Obj *o = valid(ref, 0);
    if (!o || o->refs < 0)
        return;
    if (o->refs == 0) {
        bad_calls++; /* released twice */
        return;
    }
    if (--o->refs == 0)
        live--;
}

/* IOKit */
const void *IOServiceMatching(const char *name) {
    if (!name || strcmp(name, "IOHIDSystem"))
        bad_calls++;
    return make(T_DICT);
}
uint32_t IOServiceGetMatchingService(uint32_t port, const void *matching) {
    if (port != 0)
        bad_calls++;
    CFRelease(matching); /* the call consumes the matching dictionary */
    if (!has_service)
        return 0;
    services_out++;
    return SERVICE;
}
const void *IORegistryEntryCreateCFProperty(uint32_t entry, const void *key, const void *allocator,
                                            uint32_t options) {
    Obj *k = valid(key, T_STRING);
    if (entry != SERVICE || !k || strcmp(k->text, "HIDIdleTime") || allocator || options) {
        bad_calls++;
        return 0;
    }
    Obj *o = make(idle_is_string ? T_STRING : T_NUMBER);
    if (o)
        o->number = idle_ns;
    return o;
}
int IOObjectRelease(uint32_t object) {
    if (object != SERVICE) {
        bad_calls++;
        return 1;
    }
    services_out--;
    return 0;
}

/* CoreGraphics */
const void *CGSessionCopyCurrentDictionary(void) { return session ? make(T_DICT) : 0; }
